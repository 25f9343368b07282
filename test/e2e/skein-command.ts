import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './all-in-one/skein-process.js';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/skein.js', import.meta.url));
const started: ChildProcess[] = [];

/** Kills whatever a failed test left running. */
export function killSkeinCommands(): void {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
}

/** Starts a `skein` subcommand and waits until its admin `/readyz` answers 200. */
export async function startSkeinCommand(args: string[], env: NodeJS.ProcessEnv, adminPort: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args, `--admin.http.host-port=127.0.0.1:${adminPort}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  // 'close' comes after the output streams end, so a failed start shows what it printed.
  let closed: number | null | undefined;
  child.once('close', (code) => (closed = code));
  await eventually(
    async () => {
      if (closed !== undefined) throw new Error(`skein ${args[0]} exited with ${closed}:\n${output.slice(-3000)}`);
      const response = await fetch(`http://127.0.0.1:${adminPort}/readyz`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    },
    `skein ${args[0]} ready`,
    60_000,
  );
  return { child, output: () => output };
}

export async function stopSkeinCommand(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

