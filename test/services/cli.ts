/**
 * `npm run services -- up|down|status [kafka|opensearch|elasticsearch|cassandra …]`
 * Starts real servers on loopback for the tests, from Maven Central jars on the machine's JDK 17.
 */
import { down, status, up } from './manager.js';
import { parseServiceNames } from './registry.js';

const USAGE = 'usage: npm run services -- up|down|status [kafka|opensearch|elasticsearch|cassandra …]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const names = parseServiceNames(rest);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  switch (command) {
    case 'up': {
      const began = Date.now();
      for (const server of await up(names, log)) process.stdout.write(`${server.addressEnv}=${server.address}\n`);
      log(`all ready in ${Math.round((Date.now() - began) / 1000)}s`);
      return 0;
    }
    case 'down':
      await down(names, log);
      return 0;
    case 'status': {
      for (const s of status(names)) {
        const detail = s.state === 'running' ? `pid ${s.pid}, ${s.address}, RSS ${s.rssMiB ?? '?'} MiB, since ${s.startedAt}` : s.state === 'dead' ? `pid ${s.pid} is gone; log tail:\n${s.logTail}` : '';
        process.stdout.write(`${s.name}: ${s.state}${detail ? ` (${detail})` : ''}\n`);
      }
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`services: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
