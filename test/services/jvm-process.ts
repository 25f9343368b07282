import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { jdk17 } from './jdk.js';
import { isAlive } from './state.js';

/** Starts a JVM detached from this process (it outlives `npm run services up`), logging to `logFile`. */
export function spawnJvm(args: string[], cwd: string, logFile: string): number {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(jdk17().java, args, { cwd, detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`could not start ${jdk17().java}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function logTail(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) return '(no log written)';
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** True when something already accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls `probe` until it succeeds, the process dies, or `timeoutMs` passes. Failures name the server, the last
 * probe error and the end of its log.
 */
export async function waitUntilReady(options: {
  name: string;
  pid: number;
  logFile: string;
  timeoutMs: number;
  startedLine: RegExp | undefined;
  probe: () => Promise<void>;
}): Promise<void> {
  const { name, pid, logFile, timeoutMs, startedLine, probe } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = startedLine ? `log never showed ${startedLine}` : undefined;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`${name} exited during start-up (pid ${pid}).\n--- tail of ${logFile} ---\n${logTail(logFile)}`);
    }
    const logReady = !startedLine || (existsSync(logFile) && startedLine.test(readFileSync(logFile, 'utf8')));
    if (logReady) {
      try {
        await probe();
        return;
      } catch (error) {
        lastError = error;
      }
    }
    await sleep(500);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `${name} did not become ready within ${timeoutMs / 1000}s: ${reason}\n--- tail of ${logFile} ---\n${logTail(logFile)}`,
  );
}

/** SIGTERM, then SIGKILL after `graceMs`, for the whole process group the JVM leads. */
export async function stopProcess(pid: number, graceMs = 30_000): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  if (!isAlive(pid)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(250);
  }
  signal('SIGKILL');
  while (isAlive(pid)) await sleep(100);
}
