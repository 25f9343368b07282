import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverRunDir } from './paths.js';

/** Written when `up` starts a server, so `down` and `status` touch only processes this tool started. */
export interface ServerState {
  name: string;
  pid: number;
  address: string;
  startedAt: string;
  startSeconds: number;
  logFile: string;
  dataDir: string;
}

const stateFile = (name: string): string => join(serverRunDir(name), 'state.json');

export function readState(name: string): ServerState | undefined {
  const file = stateFile(name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ServerState;
}

export function writeState(state: ServerState): void {
  mkdirSync(serverRunDir(state.name), { recursive: true });
  writeFileSync(stateFile(state.name), JSON.stringify(state, null, 2));
}

export function clearState(name: string): void {
  rmSync(stateFile(name), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resident set size of a process in MiB, read from /proc (undefined when it is gone). */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kib ? Math.round(Number(kib) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
