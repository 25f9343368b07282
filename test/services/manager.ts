import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { logTail, portInUse, spawnJvm, stopProcess, waitUntilReady } from './jvm-process.js';
import { serverRunDir } from './paths.js';
import { SERVERS, type ServiceName } from './registry.js';
import { clearState, isAlive, readState, rssMiB, writeState } from './state.js';

const READY_TIMEOUT_MS = 180_000;

export interface RunningServer {
  name: ServiceName;
  addressEnv: string;
  address: string;
  /** How this run got it: started now, already running from an earlier `up`, or given in the environment. */
  origin: 'started' | 'reused' | 'external';
  startSeconds?: number;
  rssMiB?: number;
}

/**
 * Makes each named server answer, one after another: a server whose address is already in the environment is
 * only probed; one started earlier by this tool is reused; otherwise it is started here.
 */
export async function up(names: readonly ServiceName[], log: (line: string) => void = () => {}): Promise<RunningServer[]> {
  const running: RunningServer[] = [];
  for (const name of names) running.push(await upOne(name, log));
  return running;
}

async function upOne(name: ServiceName, log: (line: string) => void): Promise<RunningServer> {
  const server = SERVERS[name];
  const external = process.env[server.addressEnv];
  if (external) {
    try {
      await server.probe(external);
    } catch (error) {
      throw new Error(`${server.addressEnv}=${external} is set, but ${name} there does not answer: ${String(error)}`, { cause: error });
    }
    return { name, addressEnv: server.addressEnv, address: external, origin: 'external' };
  }

  const previous = readState(name);
  if (previous && isAlive(previous.pid)) {
    await server.probe(previous.address);
    return { name, addressEnv: server.addressEnv, address: previous.address, origin: 'reused', rssMiB: rssMiB(previous.pid) };
  }
  if (previous) clearState(name);
  if (await portInUse(server.port)) {
    throw new Error(
      `cannot start ${name}: 127.0.0.1:${server.port} is taken by a process this tool did not start. ` +
        `Stop it, or point the tests at it with ${server.addressEnv}=${server.address}.`,
    );
  }

  const runDir = serverRunDir(name);
  const dataDir = join(runDir, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const logFile = join(runDir, 'server.log');
  rmSync(logFile, { force: true });

  log(`${name}: preparing`);
  const launch = await server.prepare(runDir);
  const started = performance.now();
  const pid = spawnJvm(launch.args, runDir, logFile);
  writeState({ name, pid, address: server.address, startedAt: new Date().toISOString(), startSeconds: 0, logFile, dataDir });
  try {
    await waitUntilReady({ name, pid, logFile, timeoutMs: READY_TIMEOUT_MS, startedLine: launch.startedLine,
      probe: () => server.probe(server.address) });
  } catch (error) {
    await stopProcess(pid, 5_000);
    clearState(name);
    throw error;
  }
  const startSeconds = Math.round((performance.now() - started) / 100) / 10;
  writeState({ name, pid, address: server.address, startedAt: new Date().toISOString(), startSeconds, logFile, dataDir });
  const rss = rssMiB(pid);
  log(`${name}: ready at ${server.address} in ${startSeconds}s, RSS ${rss ?? '?'} MiB (log ${logFile})`);
  return { name, addressEnv: server.addressEnv, address: server.address, origin: 'started', startSeconds, rssMiB: rss };
}

/** Stops the named servers this tool started, and removes their data (logs stay for diagnosis). */
export async function down(names: readonly ServiceName[], log: (line: string) => void = () => {}): Promise<void> {
  for (const name of [...names].reverse()) {
    const state = readState(name);
    if (!state) continue;
    if (isAlive(state.pid)) {
      log(`${name}: stopping pid ${state.pid}`);
      await stopProcess(state.pid);
    }
    rmSync(state.dataDir, { recursive: true, force: true });
    clearState(name);
    log(`${name}: stopped, data removed`);
  }
}

export interface ServerStatus {
  name: ServiceName;
  state: 'running' | 'stopped' | 'dead';
  pid?: number;
  address?: string;
  rssMiB?: number;
  startedAt?: string;
  logTail?: string;
}

export function status(names: readonly ServiceName[]): ServerStatus[] {
  return names.map((name) => {
    const state = readState(name);
    if (!state) return { name, state: 'stopped' };
    if (!isAlive(state.pid)) return { name, state: 'dead', pid: state.pid, logTail: logTail(state.logFile, 10) };
    return { name, state: 'running', pid: state.pid, address: state.address, rssMiB: rssMiB(state.pid), startedAt: state.startedAt };
  });
}
