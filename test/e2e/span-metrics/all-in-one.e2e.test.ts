/**
 * RED metrics on the all-in-one (SQLite): spans with known durations and errors over OTLP/HTTP → counted as stored →
 * `span_metrics` rows → Jaeger's `/api/metrics/*`, exact counts and quantiles within the histogram's bound; the
 * rows outlive a restart; the spanmetrics-style Prometheus exposition; the UI told that metrics exist.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';
import { launchBrowser, openPage } from '../../ui/browser.js';
import { expectAccessible, screenshot } from '../ui/ui-harness.js';
import { lastValue, redQuery, redWorkloadRequests, RED_EXPECTED, type MetricFamilyJson } from './red-workload.js';

const SERVICE = 'red-frontend';
const FLAGS = ['--span-metrics.flush-interval=300ms', '--span-metrics.prometheus=true'];
let skein: RunningSkein;
let dataDir: string;
// The workload's minute: the one that started before now, so every span is within the lateness window.
const minuteStart = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const endMs = minuteStart + 120_000;

beforeAll(async () => {
  dataDir = newDataDir();
  skein = await startSkein({ dataDir, flags: FLAGS });
  for (const body of redWorkloadRequests(SERVICE, minuteStart)) {
    const res = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  if (skein) expect((await skein.stop()).code).toBe(0);
  removeDataDir(dataDir);
});

const family = async (path: string): Promise<MetricFamilyJson> => {
  const res = await fetch(skein.url('query', path));
  expect(res.status).toBe(200);
  return (await res.json()) as MetricFamilyJson;
};
const service = { service_name: SERVICE };

describe('span metrics on the all-in-one', () => {
  it('answers exact call and error rates and quantiles within 2 % once the rows are flushed', async () => {
    const calls = await eventually(async () => {
      const f = await family(`/api/metrics/calls?${redQuery(SERVICE, endMs)}`);
      // A flush may fall between the server and the client spans of one request: wait for both.
      const client = lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs, '&spanKind=client')}`), service);
      return lastValue(f, service) === RED_EXPECTED.serverCalls / 600 && client === RED_EXPECTED.clientCalls / 600 ? f : undefined;
    }, 'the flushed call rates');
    expect(calls.name).toBe('service_call_rate');
    expect(calls.metrics[0]!.metricPoints).toHaveLength(11);
    expect(lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs, '&spanKind=client')}`), service)).toBe(RED_EXPECTED.clientCalls / 600);
    expect(lastValue(await family(`/api/metrics/errors?${redQuery(SERVICE, endMs)}`), service)).toBe(RED_EXPECTED.serverErrors / RED_EXPECTED.serverCalls);
    const p50 = lastValue(await family(`/api/metrics/latencies?${redQuery(SERVICE, endMs, '&quantile=0.5')}`), service)!;
    expect(Math.abs(p50 - RED_EXPECTED.serverP50Ms)).toBeLessThanOrEqual(RED_EXPECTED.serverP50Ms * 0.02);
    const byOperation = await family(`/api/metrics/latencies?${redQuery(SERVICE, endMs, '&quantile=0.99&groupByOperation=true')}`);
    expect(byOperation.name).toBe('service_operation_latencies');
    const p99 = lastValue(byOperation, { ...service, operation: 'GET /dispatch' })!;
    expect(Math.abs(p99 - RED_EXPECTED.dispatchP99Ms)).toBeLessThanOrEqual(RED_EXPECTED.dispatchP99Ms * 0.02);
  });

  it("exposes the spanmetrics connector's series on the admin /metrics and tells the UI that metrics exist", async () => {
    const text = await (await fetch(skein.url('admin', '/metrics'))).text();
    const line = (labels: string) => new RegExp(`^traces_span_metrics_calls_total\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1];
    expect(line(`service_name="${SERVICE}",span_name="GET /dispatch",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_ERROR"`)).toBe('20');
    expect(line(`service_name="${SERVICE}",span_name="GET /dispatch",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"`)).toBe('180');
    expect(text).toMatch(new RegExp(`^traces_span_metrics_duration_milliseconds_bucket\\{le="400",service_name="${SERVICE}",span_name="GET /route",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"\\} 0$`, 'm'));
    expect(text).toMatch(/^skein_span_metrics_rows_written_total\{result="ok"\} [1-9]/m);
    const page = await (await fetch(skein.url('query', '/'))).text();
    expect(page).toContain('"metricsStorage":true');
  });

  it("shows the service's charts and its operations ranked by impact on Skein's Monitor page", async () => {
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openPage(browser);
      await page.goto(skein.url('query', `/monitor?service=${SERVICE}&timeframe=1h`));
      const table = page.getByRole('table', { name: `Operations of ${SERVICE}` });
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
      // Server spans only, by rate × p95: GET /dispatch (200 calls, p95 190 ms) before GET /route (50 calls of 500 ms).
      expect(rows.map((row) => row[0])).toEqual(['GET /dispatch', 'GET /route']);
      expect(rows[0]![3]).toBe('10 %');
      expect(rows[1]![3]).toBe('0 %');
      expect(rows[1]![1]).toMatch(/^(49\d|50\d|510) ms$/);
      expect(rows[0]![4]).toBe('1.00');
      const latency = await page.locator('[data-chart=Latency]').getAttribute('aria-label');
      expect(latency).toMatch(/^Latency: latest p99 \d+ ms, p95 \d+ ms, p50 \d+ ms$/);
      await screenshot(page, 'monitor');
      await expectAccessible(page, 'monitor');
      // From the bad operation to its traces: each span of the workload is a trace of its own.
      expect(await page.getByRole('link', { name: 'Failing traces of GET /route' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Failing traces of GET /dispatch' }).click();
      await eventually(async () => ((await page.getByTestId('result-count').textContent()) === '20 traces' ? true : undefined), 'the 20 failing traces');
      // The list draws the rows in view: each of them has its error (read in one go, while the list may still redraw).
      const errorsShown = await page.locator('.result-row').evaluateAll((rows) => rows.map((row) => row.querySelector('.error-count')?.textContent ?? 'no error'));
      expect(errorsShown.length).toBeGreaterThanOrEqual(8);
      expect(errorsShown).toEqual(Array(errorsShown.length).fill('1 error'));
      await page.goBack();
      await page.getByRole('link', { name: 'Slowest traces of GET /dispatch' }).click();
      const durations = await eventually(async () => {
        const texts = await page.locator('.result-row .result-side strong').allTextContents();
        return texts.length > 0 ? texts.map((text) => Number(/^(\d+)ms$/.exec(text)?.[1])) : undefined;
      }, 'the slowest traces');
      // At or above the p95 (190 ms within the histogram's 2 %) less 2 %, longest first: the 200 ms span leads.
      expect(durations[0]).toBe(200);
      expect(durations).toEqual([...durations].sort((a, b) => b - a));
      // The dispatch calls take 1, 2, … 200 ms: exactly those at or above the link's floor are found.
      const floorMs = Number(/^(\d+)us$/.exec(new URL(page.url()).searchParams.get('minDuration') ?? '')?.[1]) / 1000;
      expect(floorMs).toBeGreaterThanOrEqual(190 * 0.98 * 0.98);
      expect(floorMs).toBeLessThanOrEqual(190 * 1.02 * 0.98);
      const found = Number(/^(\d+) traces$/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[1]);
      expect(found).toBe(200 - Math.ceil(floorMs) + 1);
      expect(Math.min(...durations)).toBeGreaterThanOrEqual(floorMs);
      expect(new URL(page.url()).searchParams.get('sort')).toBe('longest');
      await page.goBack();
      await table.waitFor();
      // The client kind has only the database calls; the table follows the selector.
      await page.getByLabel('Span kind').selectOption('client');
      await page.locator('tr[data-operation="SELECT drivers"]').waitFor();
      await page.locator('tr[data-operation="SELECT drivers"] a', { hasText: /^SELECT drivers$/ }).click();
      expect(new URL(page.url()).pathname).toMatch(/\/search$/);
      expect(new URL(page.url()).searchParams.get('operation')).toBe('SELECT drivers');
      // Every call took 3 ms, which the histogram reads as a p95 up to 2 % high: the slowest link still finds them.
      await page.goBack();
      await page.getByRole('link', { name: 'Slowest traces of SELECT drivers' }).click();
      await eventually(async () => ((await page.getByTestId('result-count').textContent()) === '20 traces' ? true : undefined), 'the slowest SELECT drivers calls');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('keeps the counts across a restart (the rows are in the SQLite file)', async () => {
    expect((await skein.stop()).code).toBe(0);
    skein = await startSkein({ dataDir, flags: FLAGS });
    expect(lastValue(await family(`/api/metrics/calls?${redQuery(SERVICE, endMs)}`), service)).toBe(RED_EXPECTED.serverCalls / 600);
  });
});
