import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface CollectorProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly ports: Record<string, number>;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The compiled collector process: benchmarks measure the code as it ships (tsx's transpiled output adds helpers
 * to every closure), so the package must be built first. BENCH_COLLECTOR_ENTRY points at another build (A/B runs).
 */
export const DEFAULT_COLLECTOR_ENTRY = fileURLToPath(new URL('../../../dist/bench/collector-process.js', import.meta.url));

/** Starts the collector process (plus `nodeFlags`, e.g. `--cpu-prof`) and waits until it listens. */
export async function spawnCollector(writer: string, options: Record<string, string>, nodeFlags: string[] = [], entry = process.env.BENCH_COLLECTOR_ENTRY ?? DEFAULT_COLLECTOR_ENTRY): Promise<CollectorProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npx turbo run build --filter=@skein/collector...)`);
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    env: { ...process.env, BENCH_WRITER: writer, BENCH_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ addresses: Record<string, { port: number }> }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as { addresses: Record<string, { port: number }> }));
    child.once('exit', (code) => reject(new Error(`collector process exited with ${code} before listening`)));
  });
  const ports = Object.fromEntries(Object.entries(ready.addresses).map(([name, address]) => [name, address.port]));
  return {
    child,
    pid: child.pid!,
    ports,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
