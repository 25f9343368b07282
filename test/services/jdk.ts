import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const JVM_ROOT = '/usr/lib/jvm';

/**
 * The JDK 17 `java` and `javac`, by path. Never PATH or JAVA_HOME: a newer JDK may be installed beside it, and
 * Cassandra 5 cannot run on JDK 24+ (it installs a security manager). `SKEIN_JDK17_HOME` overrides the search.
 */
export function jdk17(): { java: string; javac: string; home: string } {
  const candidates = [
    process.env['SKEIN_JDK17_HOME'],
    join(JVM_ROOT, 'java-17-openjdk-amd64'),
    ...(existsSync(JVM_ROOT) ? readdirSync(JVM_ROOT).filter((d) => /(^|-)17([.-]|$)/.test(d)).map((d) => join(JVM_ROOT, d)) : []),
  ].filter((home): home is string => Boolean(home));
  for (const home of candidates) {
    const java = join(home, 'bin', 'java');
    const javac = join(home, 'bin', 'javac');
    if (existsSync(java) && existsSync(javac)) return { java, javac, home };
  }
  throw new Error(
    `no JDK 17 found (looked in ${candidates.join(', ')}). Install it with ` +
      '`apt-get install -y openjdk-17-jdk-headless`, or set SKEIN_JDK17_HOME to a JDK 17 home.',
  );
}
