import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The query service's optional built-in check of callers, for sites without an auth proxy: bearer tokens and/or
 * basic-auth users, each read from a file at start (one per line; blank lines and `#` comments ignored). Every
 * HTTP request (API and UI) and every gRPC call must then carry a matching `Authorization` header.
 */
export interface QueryAuth {
  /** Whether an `Authorization` header value is accepted. */
  accepts(authorization: string | undefined): boolean;
  /** The `WWW-Authenticate` challenge of a 401: Basic when users are configured, so browsers prompt. */
  readonly challenge: string;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Compares digests, so neither the length nor the content of a secret leaks through timing. */
function includes(digests: readonly Buffer[], candidate: string): boolean {
  const wanted = digest(candidate);
  let found = false;
  for (const known of digests) if (timingSafeEqual(known, wanted)) found = true;
  return found;
}

function readLines(path: string, flag: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`--${flag}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new Error(`--${flag}: ${path} holds no entry`);
  return lines;
}

/**
 * Reads `--query.auth.bearer-tokens-file` (one token per line) and `--query.auth.basic-users-file` (`user:password`
 * per line); undefined when neither is set.
 * @throws Error naming the flag and the line that is wrong.
 */
export function loadQueryAuth(tokensFile: string, usersFile: string): QueryAuth | undefined {
  if (!tokensFile && !usersFile) return undefined;
  const tokens = tokensFile ? readLines(tokensFile, 'query.auth.bearer-tokens-file').map(digest) : [];
  const users = usersFile
    ? readLines(usersFile, 'query.auth.basic-users-file').map((line, index) => {
        if (!/^[^:]+:.+$/.test(line)) throw new Error(`--query.auth.basic-users-file: line ${index + 1} of ${usersFile} is not user:password`);
        return digest(line);
      })
    : [];
  return {
    challenge: users.length > 0 ? 'Basic realm="skein", charset="UTF-8"' : 'Bearer realm="skein"',
    accepts(authorization) {
      if (!authorization) return false;
      const space = authorization.indexOf(' ');
      if (space < 0) return false;
      const scheme = authorization.slice(0, space).toLowerCase();
      const credentials = authorization.slice(space + 1).trim();
      if (scheme === 'bearer') return tokens.length > 0 && includes(tokens, credentials);
      if (scheme === 'basic') return users.length > 0 && includes(users, Buffer.from(credentials, 'base64').toString('utf8'));
      return false;
    },
  };
}
