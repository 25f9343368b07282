/**
 * @services elasticsearch
 *
 * Logs beside the trace: a service traced with OpenTelemetry (spans exported over OTLP to the all-in-one) logs
 * through pino with Elastic's ECS format inside its spans; the lines go into a real Elasticsearch, and the trace
 * page, driven in headless Chromium, lists them in time order, attaches each to its span, and shows a span's lines
 * in its detail panel. Jaeger's `linkPatterns` of types tags, process and logs become links in the span detail.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { deleteLogIndex, indexLogLines, pinoEcsLines } from '../../logs/ecs-log-lines.js';
import { launchBrowser, openPage } from '../../ui/browser.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';
import { expectAccessible, screenshot } from './ui-harness.js';

const SERVICE = 'logs-shop';
const index = `logs-${uniqueName('skein.e2e').toLowerCase().replace(/_/g, '.')}-default`;
let skein: RunningSkein;
let dataDir: string;
let scratch: string;
let browser: Browser;
let traceId = '';
let rootId = '';
let queryId = '';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = newDataDir();
  scratch = mkdtempSync(join(tmpdir(), 'skein-logs-e2e-'));
  const uiConfig = join(scratch, 'ui-config.json');
  writeFileSync(
    uiConfig,
    JSON.stringify({
      linkPatterns: [
        { type: 'tags', key: 'order.id', url: 'https://orders.example/#{order.id}?trace=#{traceID}', text: 'Order #{order.id}' },
        { type: 'process', key: 'host.name', url: 'https://grafana.example/d/node?var-host=#{host.name}', text: 'Host dashboard' },
        { type: 'logs', key: 'rows', url: 'https://db.example/plans?rows=#{rows}&host=#{host.name}', text: 'Plans' },
      ],
    }),
  );
  const elasticsearch = serviceAddress('ELASTICSEARCH_URL');
  skein = await startSkein({ dataDir, flags: [`--query.logs.server-urls=${elasticsearch}`, `--query.ui-config=${uiConfig}`] });

  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE, 'host.name': 'node-7' }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: skein.url('otlp-http', '/v1/traces') }))],
  });
  const tracer = provider.getTracer('logs-e2e');
  const lines = await pinoEcsLines(async (logger) => {
    const root = tracer.startSpan('POST /orders', { attributes: { 'order.id': 'A-17' } });
    ({ traceId, spanId: rootId } = root.spanContext());
    const at = (span: typeof root) => logger.child({ trace: { id: traceId }, span: { id: span.spanContext().spanId } });
    at(root).info({ order: { id: 'A-17' } }, 'order received');
    await pause(5);
    const query = tracer.startSpan('INSERT orders', {}, trace.setSpan(context.active(), root));
    queryId = query.spanContext().spanId;
    query.addEvent('rows written', { rows: 3 });
    at(query).warn('lock wait 40ms');
    await pause(5);
    at(query).error({ err: new Error('deadlock detected') }, 'insert failed, retrying');
    query.setStatus({ code: SpanStatusCode.ERROR });
    query.end();
    await pause(5);
    logger.info({ trace: { id: traceId } }, 'order stored');
    root.end();
  });
  await provider.forceFlush();
  await provider.shutdown();
  await indexLogLines(elasticsearch, index, lines);
  await eventually(async () => {
    const res = await fetch(skein.url('query', `/api/traces/${traceId}`));
    return res.status === 200 && ((await res.json()) as { data: Array<{ spans: unknown[] }> }).data[0]!.spans.length === 2 ? true : undefined;
  }, 'the trace stored');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (skein) expect((await skein.stop()).code).toBe(0);
  removeDataDir(dataDir);
  rmSync(scratch, { recursive: true, force: true });
  await deleteLogIndex(serviceAddress('ELASTICSEARCH_URL'), index);
});

describe('logs beside the trace', () => {
  it('answers the trace’s lines from Elasticsearch through the query API', async () => {
    const res = await fetch(skein.url('query', `/api/ui/traces/${traceId}/logs`));
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { lines: Array<{ message: string; spanID?: string; level: string }>; total: number; searched: string } };
    expect(data.lines.map((line) => [line.message, line.spanID, line.level])).toEqual([
      ['order received', rootId, 'info'],
      ['lock wait 40ms', queryId, 'warn'],
      ['insert failed, retrying', queryId, 'error'],
      ['order stored', undefined, 'info'],
    ]);
    expect(data.total).toBe(4);
    expect(data.searched).toBe(`logs-*,filebeat-* on ${serviceAddress('ELASTICSEARCH_URL')}`);
  });

  it('lists the lines in time order on the trace page, each opening its span, and shows a span’s lines and configured links in its detail', async () => {
    const { page, problems } = await openPage(browser);
    try {
      await page.goto(skein.url('query', `/trace/${traceId}?view=logs`));
      const list = page.getByRole('list', { name: 'Log lines of this trace' });
      await list.waitFor();
      expect(await page.getByRole('button', { name: 'Logs (4)' }).getAttribute('aria-pressed')).toBe('true');
      expect(await list.locator('.log-message').allTextContents()).toEqual(['order received', 'lock wait 40ms', 'insert failed, retrying', 'order stored']);
      expect(await list.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-severity')))).toEqual(['info', 'warn', 'error', 'info']);
      expect(await list.locator('.log-span').allTextContents()).toEqual([`${SERVICE}: POST /orders`, `${SERVICE}: INSERT orders`, `${SERVICE}: INSERT orders`]);
      const offsets = await list.locator('time').allTextContents();
      expect(offsets.every((offset) => /^[+−]\d/.test(offset))).toBe(true);
      await list.locator('.log-message', { hasText: 'insert failed' }).click();
      await list.getByRole('table').filter({ hasText: 'deadlock detected' }).waitFor();
      expect(await page.locator('.trace-logs .hint').first().innerText()).toMatch(/^4 log lines naming this trace, from logs-\*,filebeat-\* on http/);
      await screenshot(page, 'trace-logs');
      await expectAccessible(page, 'trace logs');

      // A line's span opens in the timeline, its detail listing that span's lines.
      await list.locator('.log-span').nth(1).click();
      const detail = page.locator('[data-testid=span-detail]');
      await detail.getByRole('heading', { name: 'INSERT orders' }).waitFor();
      await eventually(async () => ((await page.getByRole('button', { name: 'Timeline' }).getAttribute('aria-pressed')) === 'true' ? true : undefined), 'the timeline');
      const spanLines = detail.getByRole('list', { name: 'Log lines of this span' });
      expect(await spanLines.locator('.log-message').allTextContents()).toEqual(['lock wait 40ms', 'insert failed, retrying']);
      expect(await detail.getByRole('heading', { name: 'Logs (2)' }).count()).toBe(1);
      // The event's field has a `logs` link pattern, filled from the event and then the span's process.
      const plans = detail.getByRole('link', { name: 'Plans' });
      expect(await plans.getAttribute('href')).toBe('https://db.example/plans?rows=3&host=node-7');
      expect(await detail.getByRole('link', { name: 'Host dashboard' }).getAttribute('href')).toBe('https://grafana.example/d/node?var-host=node-7');
      await expectAccessible(page, 'span detail with its log lines');

      // The root's tag link, filled with the tag and the trace id.
      await page.goto(skein.url('query', `/trace/${traceId}?span=${rootId}`));
      const order = page.locator('[data-testid=span-detail]').getByRole('link', { name: 'Order A-17' });
      await order.waitFor();
      expect(await order.getAttribute('href')).toBe(`https://orders.example/A-17?trace=${traceId}`);
      expect(await page.locator('[data-testid=span-detail]').getByRole('list', { name: 'Log lines of this span' }).locator('.log-message').allTextContents()).toEqual(['order received']);
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
