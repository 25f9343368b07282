import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TOOL_SOURCE = join(REPO, 'test/tools/deploy-render');

let binary: string | undefined;

/**
 * Builds `test/tools/deploy-render` (Compose's own loader and Kustomize, from the Go module proxy) once per test
 * process. The first build on a machine downloads and compiles them: about a minute.
 */
export function deployRender(): string {
  if (binary && existsSync(binary)) return binary;
  const out = join(mkdtempSync(join(tmpdir(), 'skein-deploy-render-')), 'deploy-render');
  try {
    execFileSync('go', ['build', '-o', out, '.'], { cwd: TOOL_SOURCE, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' } });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`cannot build test/tools/deploy-render with go (is Go on the PATH and the module proxy reachable?): ${stderr || (error as Error).message}`, { cause: error });
  }
  binary = out;
  return out;
}

/** Runs the tool; throws with its message when the loader refuses the input. */
export function render(args: string[]): string {
  try {
    return execFileSync(deployRender(), args, { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(((error as { stderr?: string }).stderr ?? '').trim() || (error as Error).message, { cause: error });
  }
}
