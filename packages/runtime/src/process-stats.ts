import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux); benchmarks read servers with it. */
export function processCpuSeconds(pid: number): number {
  return cpuSecondsOf(`/proc/${pid}/stat`);
}

/**
 * CPU seconds of a process's main thread alone (its event loop, for Node), from /proc/<pid>/task/<pid>/stat: what
 * bounds one process's throughput when other threads take part of the work and cores are free.
 */
export function mainThreadCpuSeconds(pid: number): number {
  return cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
}

function cpuSecondsOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size of a process in MiB, from /proc/<pid>/status. */
export function processRssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * A process's CPU seconds once it has gone quiet: sampled every `windowMs` until one window used less than
 * `idleShare` of a core, or `timeoutMs` passed. Benchmarks read a server with it so that work a phase left behind
 * (segment merges, log flushes) is charged to that phase, not the next.
 */
export async function processCpuSecondsWhenIdle(pid: number, windowMs = 300, idleShare = 0.1, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = processCpuSeconds(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = processCpuSeconds(pid);
    if (now - last < (idleShare * windowMs) / 1000) return now;
    last = now;
  }
  return processCpuSeconds(pid);
}

/** The live processes whose parent is `pid`, from /proc (Linux). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
  }
  return children.sort((a, b) => a - b);
}

/**
 * `read` summed over a process and its live children (a multi-process server such as `--collector.processes`): CPU
 * seconds, main-thread CPU seconds or RSS of the whole. A child that ends between listing and reading counts 0.
 */
export function processTreeSum(pid: number, read: (pid: number) => number): number {
  let sum = read(pid);
  for (const child of childPids(pid)) {
    try {
      sum += read(child);
    } catch {
      // it ended while we looked
    }
  }
  return sum;
}
