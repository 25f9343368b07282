/**
 * `npm run bench`: makes sure the servers the benchmarks talk to answer (starting them like the tests do), runs
 * every package's `bench` script one at a time (never two at once on a 2-core machine), then stops what it started.
 */
import { spawn } from 'node:child_process';
import { down, up } from '../services/manager.js';
import type { ServiceName } from '../services/registry.js';
import { readState } from '../services/state.js';

const NEEDED: ServiceName[] = ['kafka', 'opensearch', 'cassandra'];

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const servers = await up(NEEDED, log);
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(servers.map((s) => [s.addressEnv, s.address])) };
  // The servers' pids, so benchmarks can report their CPU per span too (the producer's batching, the documents and
  // the bulk requests decide it).
  const broker = readState('kafka');
  if (broker) env['KAFKA_BROKER_PID'] = String(broker.pid);
  const cluster = readState('opensearch');
  if (cluster) env['OPENSEARCH_PID'] = String(cluster.pid);
  const cassandra = readState('cassandra');
  if (cassandra) env['CASSANDRA_PID'] = String(cassandra.pid);
  try {
    return await run('npx', ['turbo', 'run', 'bench', '--concurrency=1', ...process.argv.slice(2)], env);
  } finally {
    await down(servers.filter((s) => s.origin === 'started').map((s) => s.name), log);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
