import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jdk17 } from './jdk.js';
import { SERVICES_DIR, serverLibDir } from './paths.js';

const run = promisify(execFile);
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/**
 * Copies the runtime classpath of `test/services/maven/<name>/pom.xml` into the cache. Idempotent: a stamp holding
 * the pom's hash makes it a no-op while the pom is unchanged and the jars are there.
 */
export async function resolveClasspath(name: string): Promise<string> {
  const pom = join(SERVICES_DIR, 'maven', name, 'pom.xml');
  const libDir = serverLibDir(name);
  const stamp = join(libDir, '.resolved');
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash && readdirSync(libDir).some((f) => f.endsWith('.jar'))) {
    return libDir;
  }
  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  try {
    await run(
      'mvn',
      ['-B', '-q', '-f', pom, `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime'],
      { env: { ...process.env, JAVA_HOME: jdk17().home }, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `Maven could not resolve the ${name} classpath from ${pom}:\n${(stdout + stderr).split('\n').slice(-30).join('\n')}`,
      { cause: error },
    );
  }
  writeFileSync(stamp, pomHash);
  return libDir;
}

/** The one jar in `libDir` whose file name starts with `prefix` (e.g. the jamm agent). */
export function jarStartingWith(libDir: string, prefix: string): string {
  const jar = readdirSync(libDir).find((f) => f.startsWith(prefix) && f.endsWith('.jar'));
  if (!jar) throw new Error(`no ${prefix}*.jar in ${libDir}`);
  return join(libDir, jar);
}
