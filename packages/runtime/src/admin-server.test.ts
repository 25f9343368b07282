import { afterEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { startAdminServer, type AdminServer } from './admin-server.js';
import { HealthRegistry } from './health.js';
import { createLogger } from './logger.js';
import { Counter, createMetricsRegistry } from './metrics.js';

const silentLogger = createLogger({ component: 'test', level: 'silent' });
let server: AdminServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('admin server (real HTTP on loopback)', () => {
  it('serves Prometheus metrics with the skein_ prefix, health and readiness', async () => {
    const metrics = createMetricsRegistry();
    new Counter({ name: 'skein_test_spans_received_total', help: 'spans', registers: [metrics] }).inc(3);
    const health = new HealthRegistry();
    let storageUp = false;
    health.addReadinessCheck('storage', async () => {
      if (!storageUp) throw new Error('storage down');
    });
    server = await startAdminServer({ hostPort: { host: '127.0.0.1', port: 0 }, metrics, health, logger: silentLogger });
    const base = `http://127.0.0.1:${server.address.port}`;

    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toContain('skein_test_spans_received_total 3');
    expect(text).toContain('skein_process_cpu_user_seconds_total');

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', checks: [{ name: 'storage', ok: false, error: 'storage down' }] });
    storageUp = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).json()).toMatchObject({ status: 'Server available' });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('fails to start with the address in the message when the port is taken', async () => {
    server = await startAdminServer({ hostPort: { host: '127.0.0.1', port: 0 }, metrics: createMetricsRegistry(), health: new HealthRegistry(), logger: silentLogger });
    const taken = server.address.port;
    await expect(
      startAdminServer({ hostPort: { host: '127.0.0.1', port: taken }, metrics: createMetricsRegistry(), health: new HealthRegistry(), logger: silentLogger }),
    ).rejects.toThrow(`admin server cannot listen on 127.0.0.1:${taken}`);
  });
});

describe('logger', () => {
  it('writes JSON lines with the component and level label', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ component: 'collector', level: 'info', destination: sink });
    logger.info({ trace_id: 'abc' }, 'hello');
    logger.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', component: 'collector', trace_id: 'abc', msg: 'hello' });
  });
});
