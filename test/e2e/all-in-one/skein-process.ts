import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../services/free-port.js';

const BIN = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));

/** Every listener of the all-in-one on 127.0.0.1 and a port the OS picks (the admin port is picked beforehand). */
const LOOPBACK_FLAGS = [
  '--collector.otlp.http.host-port=127.0.0.1:0',
  '--collector.otlp.grpc.host-port=127.0.0.1:0',
  '--collector.http-server.host-port=127.0.0.1:0',
  '--collector.grpc-server.host-port=127.0.0.1:0',
  '--collector.zipkin.host-port=127.0.0.1:0',
  '--processor.jaeger-compact.server-host-port=127.0.0.1:0',
  '--processor.jaeger-binary.server-host-port=127.0.0.1:0',
  '--http-server.host-port=127.0.0.1:0',
  '--query.http-server.host-port=127.0.0.1:0',
  '--query.grpc-server.host-port=127.0.0.1:0',
];

/** How long a start may take before the helper gives up (not the readiness budget the tests assert). */
const START_TIMEOUT_MS = 60_000;

export interface Listener {
  host: string;
  port: number;
}

export interface RunningSkein {
  readonly child: ChildProcess;
  readonly dataDir: string;
  /** Listeners by name (`query`, `admin`, `sampling-http`, `otlp-http`, `otlp-grpc`, `jaeger-http`, …). */
  readonly listeners: Readonly<Record<string, Listener>>;
  /** Spawn → first `/readyz` 200, measured by polling from outside. */
  readonly readyAfterMs: number;
  /** What the process logged as its own start-up time (`startupMs` of the ready line). */
  readonly loggedStartupMs: number;
  /** stdout (pino JSON lines) and stderr so far. */
  output(): string;
  url(listener: string, path: string): string;
  /** SIGTERM and wait for the exit, bounded by `timeoutMs` (then SIGKILL and reject). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'skein-aio-e2e-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Re-exported so the tests that start this process find it beside it. */
export { freePort };

/** Starts `skein all-in-one` on loopback with the given data dir, waits for `/readyz` 200 and for its ready log line. */
export async function startSkein(options: { dataDir: string; flags?: string[]; env?: NodeJS.ProcessEnv }): Promise<RunningSkein> {
  const adminPort = await freePort();
  const args = [BIN, 'all-in-one', ...LOOPBACK_FLAGS, `--admin.http.host-port=127.0.0.1:${adminPort}`, `--data-dir=${options.dataDir}`, ...(options.flags ?? [])];
  const env: NodeJS.ProcessEnv = { ...process.env, SPAN_STORAGE_TYPE: '', SKEIN_DATA_DIR: '', LOG_LEVEL: 'info', ...options.env };
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  try {
    const readyAfterMs = await pollReady(`http://127.0.0.1:${adminPort}/readyz`, spawnedAt, exited, () => output);
    const readyLine = await waitForLine(() => stdout, (line) => line.msg?.startsWith('skein all-in-one ready') === true, exited);
    const listeners = Object.fromEntries(
      Object.entries(readyLine.listeners as Record<string, string>).map(([name, address]) => {
        const colon = address.lastIndexOf(':');
        return [name, { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) }];
      }),
    );
    let stopping: ReturnType<RunningSkein['stop']> | undefined;
    return {
      child,
      dataDir: options.dataDir,
      listeners,
      readyAfterMs,
      loggedStartupMs: readyLine.startupMs as number,
      output: () => output,
      url: (listener, path) => {
        const address = listeners[listener];
        if (!address) throw new Error(`no listener "${listener}" (have ${Object.keys(listeners).join(', ')})`);
        return `http://127.0.0.1:${address.port}${path}`;
      },
      stop: (timeoutMs = 30_000) => (stopping ??= stopChild(child, exited, timeoutMs, () => output)),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`skein all-in-one did not start: ${(error as Error).message}\n--- output ---\n${output.slice(-4000)}`, { cause: error });
  }
}

async function pollReady(url: string, since: number, exited: Promise<{ code: number | null }>, output: () => string): Promise<number> {
  let exit: { code: number | null } | undefined;
  void exited.then((result) => (exit = result));
  while (performance.now() - since < START_TIMEOUT_MS) {
    if (exit) throw new Error(`exited with ${exit.code} before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return Math.round(performance.now() - since);
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`/readyz not 200 within ${START_TIMEOUT_MS} ms; output so far:\n${output().slice(-2000)}`);
}

type LogLine = Record<string, unknown> & { msg?: string };

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .slice(0, -1) // the last piece is an incomplete line (or empty)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function waitForLine(output: () => string, matches: (line: LogLine) => boolean, exited: Promise<unknown>, timeoutMs = 10_000): Promise<LogLine> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const found = logLines(output()).find(matches);
    if (found) return found;
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the expected log line did not appear');
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  timeoutMs: number,
  output: () => string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`skein all-in-one did not exit within ${timeoutMs} ms of SIGTERM; last output:\n${output().slice(-3000)}`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([exited, timeout]);
    return { ...result, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value other than undefined, at most `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
