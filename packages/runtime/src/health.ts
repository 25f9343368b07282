export interface CheckResult {
  name: string;
  ok: boolean;
  error?: string;
  elapsedMs: number;
}

type Check = () => Promise<void>;

/**
 * Readiness: the process's dependencies (Kafka, storage) answer. Checks run in parallel, each bounded by its
 * timeout, so a hung dependency makes `/readyz` say so instead of hanging it.
 */
export class HealthRegistry {
  private readonly checks = new Map<string, { check: Check; timeoutMs: number }>();
  private shuttingDown = false;

  addReadinessCheck(name: string, check: Check, timeoutMs = 2000): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs });
  }

  /** After this, the process reports not ready, so load balancers stop sending to it while it drains. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<{ ready: boolean; checks: CheckResult[] }> {
    const checks = await Promise.all([...this.checks].map(([name, { check, timeoutMs }]) => runCheck(name, check, timeoutMs)));
    if (this.shuttingDown) checks.push({ name: 'shutdown', ok: false, error: 'shutting down', elapsedMs: 0 });
    return { ready: checks.every((c) => c.ok), checks };
  }
}

async function runCheck(name: string, check: Check, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { name, ok: true, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error), elapsedMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
