import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * The cores this process may use: the CPUs it may run on, capped by a cgroup v2 CPU quota (`cpu.max`, what a
 * Kubernetes CPU limit sets), rounded up. Node's own count ignores the quota, so a pod limited to 2 CPUs on a
 * 64-core node would otherwise start 64 processes.
 */
export function availableCores(cpuMaxPath = '/sys/fs/cgroup/cpu.max'): number {
  const cpus = availableParallelism();
  let quota: string;
  try {
    quota = readFileSync(cpuMaxPath, 'utf8');
  } catch {
    return cpus;
  }
  return Math.max(1, Math.min(cpus, coresOfCpuMax(quota) ?? cpus));
}

/** `cpu.max` is "<quota µs> <period µs>" or "max <period>"; the cores it allows, or undefined for no limit. */
export function coresOfCpuMax(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  const [q, p] = [Number(quota), Number(period)];
  if (quota === 'max' || !Number.isFinite(q) || !Number.isFinite(p) || q <= 0 || p <= 0) return undefined;
  return Math.ceil(q / p);
}
