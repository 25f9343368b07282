import { describe, expect, it } from '@jest/globals';
import { HealthRegistry } from './health.js';

describe('HealthRegistry', () => {
  it('is ready when every check answers, and names the failing and hung ones otherwise', async () => {
    const health = new HealthRegistry();
    health.addReadinessCheck('kafka', async () => {});
    expect((await health.readiness()).ready).toBe(true);

    health.addReadinessCheck('storage', async () => {
      throw new Error('connection refused');
    });
    health.addReadinessCheck('hung', () => new Promise<void>(() => {}), 50);
    const { ready, checks } = await health.readiness();
    expect(ready).toBe(false);
    expect(checks.find((c) => c.name === 'storage')).toMatchObject({ ok: false, error: 'connection refused' });
    expect(checks.find((c) => c.name === 'hung')).toMatchObject({ ok: false, error: 'no answer within 50 ms' });
  });

  it('reports not ready once shutting down', async () => {
    const health = new HealthRegistry();
    health.markShuttingDown();
    expect(await health.readiness()).toMatchObject({ ready: false, checks: [{ name: 'shutdown', ok: false }] });
  });

  it('refuses a check registered twice', () => {
    const health = new HealthRegistry();
    health.addReadinessCheck('x', async () => {});
    expect(() => health.addReadinessCheck('x', async () => {})).toThrow('readiness check "x" is already registered');
  });
});
