import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { eventually, freePort } from '../all-in-one/skein-process.js';

const BIN = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));

export interface RunningAgent {
  readonly child: ChildProcess;
  /** Listeners by name: `udp-compact`, `udp-binary`, `udp-zipkin-compact`, `sampling-http`. */
  readonly listeners: Readonly<Record<string, { host: string; port: number }>>;
  readonly adminPort: number;
  output(): string;
  /** Sum of a metric's samples whose labels include `labels`, from the admin `/metrics`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** SIGTERM, then the exit code (SIGKILL and reject after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** `skein agent` on loopback with every listener on a port the OS picks; resolves once `/readyz` is 200. */
export async function startAgentProcess(collector: string, flags: string[] = [], env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Promise<RunningAgent> {
  const adminPort = await freePort();
  const args = [
    ...nodeFlags,
    BIN,
    'agent',
    `--reporter.grpc.host-port=${collector}`,
    '--processor.jaeger-compact.server-host-port=127.0.0.1:0',
    '--processor.jaeger-binary.server-host-port=127.0.0.1:0',
    '--processor.zipkin-compact.server-host-port=127.0.0.1:0',
    '--http-server.host-port=127.0.0.1:0',
    `--admin.http.host-port=127.0.0.1:${adminPort}`,
    ...flags,
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    const started = await eventually(
      async () => {
        if (exitCode !== undefined) throw new Error(`skein agent exited with ${exitCode}`);
        const line = output.split('\n').find((text) => text.includes('"agent started"'));
        if (!line) return undefined;
        const response = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
        await response.arrayBuffer();
        return response.status === 200 ? (JSON.parse(line) as { listeners: Record<string, { host: string; port: number }> }) : undefined;
      },
      'skein agent ready',
      30_000,
    );
    return {
      child,
      listeners: started.listeners,
      adminPort,
      output: () => output,
      metric: async (name, labels = {}) => sumMetric(await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text(), name, labels),
      stop: async (timeoutMs = 60_000) => {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`skein agent did not exit within ${timeoutMs} ms of SIGTERM:\n${output.slice(-3000)}`));
          }, timeoutMs);
        });
        try {
          return await Promise.race([exited, timeout]);
        } finally {
          clearTimeout(timer);
        }
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- output ---\n${output.slice(-3000)}`, { cause: error });
  }
}

/** Sums the samples of `name` in Prometheus text whose labels include `labels`. */
export function sumMetric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{')) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Sends each datagram to 127.0.0.1:port, in order. */
export async function sendDatagrams(port: number, datagrams: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const datagram of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    socket.close();
  }
}
