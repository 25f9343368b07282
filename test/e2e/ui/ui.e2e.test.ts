/**
 * Skein's web UI end to end: the real all-in-one (SQLite) fed by real OpenTelemetry and jaeger-client exporters,
 * driven by Debian's headless Chromium through playwright-core. Every page is checked for what it shows, for
 * console errors and with axe-core; each page's screenshot is saved to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { emitJaegerClientSpan, emitOtelTrace, emitTwoServiceTrace, type EmittedTrace } from '../all-in-one/senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';
import { launchBrowser, openPage } from '../../ui/browser.js';
import { measureTraceOpen } from '../../ui/measure.js';
import { generateTrace, sendTrace, type GeneratedTrace } from '../../ui/trace-generator.js';
import { expectAccessible, rowTexts, screenshot } from './ui-harness.js';

let skein: RunningSkein;
let dataDir: string;
let browser: Browser;
let shop: EmittedTrace;
let calls: string[];
let jaeger: { traceId: string; spanId: string };
let big: GeneratedTrace;
let scratch: string;

const url = (path: string): string => skein.url('query', path);

async function spansStored(traceId: string, count: number): Promise<void> {
  await eventually(async () => {
    const response = await fetch(url(`/api/traces/${traceId}`));
    if (response.status !== 200) return undefined;
    const body = (await response.json()) as { data: Array<{ spans: unknown[] }> };
    return body.data[0]!.spans.length >= count ? true : undefined;
  }, `trace ${traceId} with ${count} spans`, 60_000);
}

/** A page that fails the test if it logged a console error or threw. */
async function cleanPage(options?: Parameters<typeof openPage>[1]): Promise<{ page: Page; done: () => Promise<void> }> {
  const { page, problems } = await openPage(browser, options);
  return {
    page,
    done: async () => {
      await page.context().close();
      expect(problems).toEqual([]);
    },
  };
}

beforeAll(async () => {
  dataDir = newDataDir();
  scratch = mkdtempSync(join(tmpdir(), 'skein-ui-e2e-'));
  skein = await startSkein({ dataDir });
  browser = await launchBrowser();
  const exporter = () => new OtlpProtoExporter({ url: url('/').replace(String(skein.listeners.query!.port), String(skein.listeners['otlp-http']!.port)) + 'v1/traces' });
  shop = await emitOtelTrace('ui-shop', exporter());
  calls = [await emitTwoServiceTrace('ui-frontend', 'ui-backend', exporter), await emitTwoServiceTrace('ui-frontend', 'ui-backend', exporter)];
  jaeger = await emitJaegerClientSpan('ui-jaeger', { collectorEndpoint: skein.url('jaeger-http', '/api/traces') });
  big = generateTrace(2_000);
  await sendTrace(skein.url('otlp-http', '/v1/traces'), big);
  await spansStored(shop.traceId, 2);
  await spansStored(jaeger.traceId, 1);
  await spansStored(big.traceId, big.spanCount);
  for (const call of calls) await spansStored(call, 2);
});

afterAll(async () => {
  await browser?.close();
  if (skein) expect((await skein.stop()).code).toBe(0);
  removeDataDir(dataDir);
  rmSync(scratch, { recursive: true, force: true });
});

describe('search page', () => {
  it('lists services, searches through the form, shows the result and opens it from the scatter plot', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url('/'));
    await page.getByText('Choose a service and press').waitFor();
    const service = page.getByLabel('Service');
    await expect(service.locator('option', { hasText: 'ui-shop' }).count()).resolves.toBe(1);
    await service.selectOption('ui-shop');
    await page.getByLabel('Operation').locator('option', { hasText: 'GET /checkout' }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Find traces' }).click();
    await page.locator('[data-testid=result-count]').waitFor();
    expect(new URL(page.url()).searchParams.get('service')).toBe('ui-shop');
    expect(await page.locator('[data-testid=result-count]').innerText()).toBe('1 trace');
    const row = page.locator(`[data-trace-id="${shop.traceId}"]`);
    expect(await row.innerText()).toMatch(/ui-shop: GET \/checkout/);
    expect(await row.innerText()).toMatch(/2 spans/);
    expect(await row.innerText()).toMatch(/1 error/);
    await screenshot(page, 'search');
    await expectAccessible(page, 'search');

    const box = (await page.locator('canvas.scatter').boundingBox())!;
    // One result sits in the middle of the time axis, at the top (it is the longest).
    await page.mouse.click(box.x + 64 + (box.width - 76) / 2, box.y + 10);
    await page.locator('[data-testid=trace-page]').waitFor();
    expect(page.url()).toContain(`/trace/${shop.traceId}`);
    await done();
  });

  it('takes tags in logfmt, durations and a deep link with Jaeger\'s parameters, and says what to fix', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url(`/search?service=ui-shop&tags=${encodeURIComponent('{"http.status_code":"500"}')}&lookback=1h&minDuration=1us&limit=20`));
    await page.locator('[data-testid=result-count]').waitFor();
    expect(await page.getByLabel('Tags').inputValue()).toBe('http.status_code=500');
    await page.getByLabel('Tags').fill('http.status_code=404');
    await page.getByRole('button', { name: 'Find traces' }).click();
    await page.getByText('No traces match').waitFor();
    await page.getByLabel('Min duration').fill('fast');
    await page.getByRole('button', { name: 'Find traces' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/Min duration: "fast" is not a duration/);
    await done();
  });

  it('looks up several trace ids from the header and sorts the results', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url('/search'));
    await page.getByLabel('Trace ids').fill(`${shop.traceId} ${big.traceId}`);
    await page.getByLabel('Trace ids').press('Enter');
    await page.locator('[data-testid=result-count]').waitFor();
    expect(await page.locator('[data-testid=result-count]').innerText()).toBe('2 traces');
    let searches = 0;
    page.on('request', (request) => void (request.url().includes('/api/traces?') && searches++));
    await page.getByLabel('Sort').selectOption('most-spans');
    await expect(page.locator('.result-row').first().getAttribute('data-trace-id')).resolves.toBe(big.traceId);
    await page.getByLabel('Sort').selectOption('shortest');
    await expect(page.locator('.result-row').first().getAttribute('data-trace-id')).resolves.toBe(shop.traceId);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('shortest');
    expect(searches).toBe(0); // sorting happens in the page, without asking the server again
    await done();
  });
});

describe('trace page', () => {
  it('shows the header facts, the span tree with durations, and the span detail with tags, process and events', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url(`/trace/${shop.traceId}`));
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.locator('[data-testid=trace-span-count]').innerText()).toBe('2');
    expect(await page.locator('[data-testid=trace-id]').innerText()).toBe(shop.traceId);
    const rows = await rowTexts(page);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/ui-shop\s*GET \/checkout/);
    expect(rows[1]).toMatch(/ui-shop\s*SELECT orders/);
    const stored = (await (await fetch(url(`/api/traces/${shop.traceId}`))).json()) as { data: Array<{ spans: Array<{ spanID: string; duration: number }> }> };
    const parent = stored.data[0]!.spans.find((span) => span.spanID === shop.parentId)!;
    expect(await page.locator('[data-testid=trace-duration]').innerText()).toBe(formatMicros(parent.duration));
    expect(await page.locator('[role=treeitem]').first().locator('.error-mark').count()).toBe(1);
    expect(await page.locator('[role=treeitem]').nth(1).locator('.error-mark').count()).toBe(0);

    await page.locator('[role=treeitem]').nth(1).click();
    const detail = page.locator('[data-testid=span-detail]');
    await detail.getByText('db.system').waitFor();
    expect(await detail.getByRole('table', { name: 'Span tags' }).innerText()).toMatch(/db\.system\s+postgresql/);
    expect(await detail.getByRole('table', { name: 'Process tags' }).innerText()).toMatch(/deployment\.environment\s+e2e/);
    expect(await detail.innerText()).toMatch(/Events \(1\)/i); // the heading is upper-cased by CSS
    expect(await detail.innerText()).toMatch(/query-start/);
    expect(new URL(page.url()).searchParams.get('span')).toBe(shop.childId);
    await screenshot(page, 'trace');
    await expectAccessible(page, 'trace');

    // The reference navigates to the parent span.
    await detail.getByRole('button', { name: `span ${shop.parentId}` }).click();
    await detail.getByText('http.status_code').waitFor();
    expect(await page.locator('[role=treeitem][aria-selected=true]').innerText()).toMatch(/GET \/checkout/);
    expect(await detail.getByRole('table', { name: 'Span tags' }).innerText()).toMatch(/otel\.status_code\s+ERROR/);

    const download = page.getByRole('link', { name: 'Download JSON' });
    expect(await download.getAttribute('download')).toBe(`trace-${shop.traceId}.json`);
    const downloaded = (await (await fetch(new URL((await download.getAttribute('href'))!, page.url()))).json()) as { data: Array<{ traceID: string }> };
    expect(downloaded.data[0]!.traceID).toBe(shop.traceId);
    const raw = await page.getByRole('link', { name: 'Raw JSON' }).getAttribute('href');
    expect(raw).toContain('raw=true');
    await done();
  });

  it('filters the spans of a hand-built trace by conditions and quick filters, counts and steps through the matches, shows only them, and keeps the filter in the URL', async () => {
    // GET /shop (server, OK, 200 ms) → 10 × SELECT item (client, db.rows = i, i ms; i = 3 and 7 fail) and publish
    // (producer, 20 ms, an event with topic=orders).
    const traceId = randomBytes(16).toString('hex');
    const ids = Array.from({ length: 12 }, () => randomBytes(8).toString('hex'));
    const base = BigInt(Date.now() - 60_000) * 1_000_000n;
    const ms = (value: number): string => String(base + BigInt(Math.round(value * 1000)) * 1000n);
    const spans = [
      { traceId, spanId: ids[0], name: 'GET /shop', kind: 2, startTimeUnixNano: ms(0), endTimeUnixNano: ms(200), status: { code: 1 } },
      ...Array.from({ length: 10 }, (_, k) => ({
        traceId, spanId: ids[k + 1], parentSpanId: ids[0], name: 'SELECT item', kind: 3, startTimeUnixNano: ms(10 + k * 15), endTimeUnixNano: ms(10 + k * 15 + k + 1),
        attributes: [{ key: 'db.rows', value: { intValue: String(k + 1) } }], status: k + 1 === 3 || k + 1 === 7 ? { code: 2 } : { code: 0 },
      })),
      { traceId, spanId: ids[11], parentSpanId: ids[0], name: 'publish', kind: 4, startTimeUnixNano: ms(170), endTimeUnixNano: ms(190),
        events: [{ name: 'sent', timeUnixNano: ms(180), attributes: [{ key: 'topic', value: { stringValue: 'orders' } }] }] },
    ];
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ui-filter' } }, { key: 'host.name', value: { stringValue: 'n1' } }] }, scopeSpans: [{ spans }] }] };
    const sent = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(sent.status).toBe(200);
    await spansStored(traceId, 12);

    const { page, done } = await cleanPage();
    await page.goto(url(`/trace/${traceId}`));
    await page.locator('[role=treeitem]').first().waitFor();
    const filters = page.getByRole('region', { name: 'Span filters' });
    const count = filters.getByRole('status');
    const expectCount = async (text: string): Promise<void> => {
      await eventually(async () => ((await count.innerText()) === text ? true : undefined), `"${text}"`).catch(async () => {
        throw new Error(`the filter count says "${await count.innerText()}", not "${text}"`);
      });
    };
    const quick = (name: string) => filters.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name });

    await quick('Errors').click();
    await expectCount('2 of 12 spans match');
    expect(await page.locator('[role=treeitem].match').count()).toBe(2);
    await filters.getByRole('button', { name: 'Next filter match' }).click();
    await page.locator('[data-testid=span-detail]').getByRole('heading', { name: 'SELECT item' }).waitFor();
    expect(await page.locator('[data-testid=span-detail] table[aria-label="Span tags"]').innerText()).toMatch(/db\.rows\s+3/);
    await expectCount('2 of 12 spans match · at 1');
    await filters.getByLabel('Show matches only').check();
    await eventually(async () => ((await page.locator('[role=treeitem]').count()) === 3 ? true : undefined), 'the root and its two failing spans');
    await quick('Errors').click();

    // A condition on a span attribute, by regex; then on duration; then a kind; then an event field.
    const condition = async (field: string, op: string, value?: string, key?: string): Promise<void> => {
      await filters.getByRole('button', { name: '+ Condition' }).click();
      const index = (await filters.locator('[data-condition]').count());
      await filters.getByLabel(`Condition ${index} field`).selectOption({ label: field });
      if (key !== undefined) await filters.getByLabel(`Condition ${index} key`).fill(key);
      await filters.getByLabel(`Condition ${index} operator`).selectOption(op);
      if (value !== undefined) {
        const input = filters.getByLabel(`Condition ${index} value`);
        if ((await input.evaluate((element) => element.tagName)) === 'SELECT') await input.selectOption(value);
        else await input.fill(value);
      }
    };
    const removeAll = async (): Promise<void> => {
      while ((await filters.locator('[data-condition]').count()) > 0) await filters.getByRole('button', { name: 'Remove condition 1' }).click();
    };
    await condition('Span attribute', '=~', '^1', 'db.rows');
    await expectCount('2 of 12 spans match');
    await removeAll();
    await condition('Duration', '>', '5ms');
    await expectCount('7 of 12 spans match');
    await condition('Status', '=', 'error');
    await expectCount('1 of 12 spans match');
    await removeAll();
    await condition('Span kind', '=', 'client');
    await condition('Duration', '>=', '4ms');
    await expectCount('7 of 12 spans match');
    await filters.getByLabel('Show matches only').uncheck();
    await screenshot(page, 'trace-filters');
    await filters.getByLabel('Show matches only').check();
    await removeAll();
    await condition('Event field', 'exists', undefined, 'topic');
    await expectCount('1 of 12 spans match');
    await condition('Resource attribute', '!=', 'n1', 'host.name');
    await expectCount('0 of 12 spans match');
    await removeAll();
    await quick('Slowest 5 %').click();
    await expectCount('1 of 12 spans match');
    await quick('Critical path').click();
    await expectCount('1 of 12 spans match');
    await expectAccessible(page, 'trace with span filters');

    // A bad regex is refused by the query service, which says why.
    await quick('Slowest 5 %').click();
    await quick('Critical path').click();
    await condition('Operation', '=~', '(');
    await filters.getByRole('alert').filter({ hasText: /is not a regular expression/ }).waitFor();

    // The filter is in the URL: a reload (or a shared link) shows the same matches.
    await filters.getByLabel('Condition 1 value').fill('^SELECT');
    await expectCount('10 of 12 spans match');
    await eventually(async () => (new URL(page.url()).searchParams.get('filter') ? true : undefined), 'the filter in the URL');
    expect(JSON.parse(new URL(page.url()).searchParams.get('filter')!)).toEqual([{ field: 'operation', op: '=~', value: '^SELECT' }]);
    await page.reload();
    await expectCount('10 of 12 spans match');
    await done();
  }, 90_000);

  it('draws the critical path of a hand-built trace, gives each span its share, shows only its spans on request, draws its flame graph and operation graph, counts its statistics and lists its spans in a table', async () => {
    // root 0–100 ms: A 10–60 and B 30–80 overlap (B decides), C 40–70 under B, D 85–95, E 20–25 hidden behind A.
    // Walking back from 100 ms: root 95–100, D 85–95, root 80–85, B 70–80, C 40–70, B 30–40, A 10–30, root 0–10.
    const traceId = randomBytes(16).toString('hex');
    const ids = ['root', 'A', 'B', 'C', 'D', 'E'].map(() => randomBytes(8).toString('hex'));
    const base = BigInt(Date.now() - 60_000) * 1_000_000n;
    const ms = (value: number): string => String(base + BigInt(value) * 1_000_000n);
    const spec: Array<[name: string, parent: number, from: number, to: number]> = [['root', -1, 0, 100], ['A', 0, 10, 60], ['B', 0, 30, 80], ['C', 2, 40, 70], ['D', 0, 85, 95], ['E', 0, 20, 25]];
    const spans = spec.map(([name, parent, from, to], i) => ({ traceId, spanId: ids[i], ...(parent >= 0 ? { parentSpanId: ids[parent] } : {}), name, kind: 1, startTimeUnixNano: ms(from), endTimeUnixNano: ms(to) }));
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ui-critical' } }] }, scopeSpans: [{ spans }] }] };
    const sent = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(sent.status).toBe(200);
    await spansStored(traceId, spec.length);

    const { page, done } = await cleanPage();
    await page.goto(url(`/trace/${traceId}`));
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.locator('[role=treeitem][data-critical]').count()).toBe(0);
    await page.getByRole('group', { name: 'Critical path' }).getByRole('button', { name: 'Highlight' }).click();
    await page.locator('[role=treeitem][data-critical=true]').first().waitFor();
    const row = (name: string) => page.locator('[role=treeitem]').filter({ has: page.locator('.operation', { hasText: new RegExp(`^${name}$`) }) });
    const labelOf = async (name: string): Promise<string> => row(name).locator('.span-bar-label').innerText();
    expect(await labelOf('root')).toBe('100ms · 20 % of the path');
    expect(await labelOf('A')).toBe('50ms · 20 % of the path');
    expect(await labelOf('B')).toBe('50ms · 20 % of the path');
    expect(await labelOf('C')).toBe('30ms · 30 % of the path');
    expect(await labelOf('D')).toBe('10ms · 10 % of the path');
    expect(await labelOf('E')).toBe('5ms');
    expect(await page.locator('[role=treeitem][data-critical=false]').innerText()).toMatch(/ui-critical\s*E/);
    // B's two pieces and C's one are drawn over their bars.
    expect(await row('B').locator('.critical-segment').count()).toBe(2);
    expect(await row('C').locator('.critical-segment').count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Critical path' }).innerText()).toMatch(/5 spans decide the 100ms/);
    await eventually(async () => (new URL(page.url()).searchParams.get('criticalPath') === 'show' ? true : undefined), 'the critical path in the URL');
    await screenshot(page, 'trace-critical-path');

    await page.getByRole('group', { name: 'Critical path' }).getByRole('button', { name: 'Only its spans' }).click();
    await eventually(async () => ((await page.locator('[role=treeitem]').count()) === 5 ? true : undefined), 'only the path spans listed');
    expect((await rowTexts(page)).join('\n')).not.toMatch(/ui-critical\s*E/);
    await expectAccessible(page, 'trace with its critical path');
    await page.getByRole('group', { name: 'Critical path' }).getByRole('button', { name: 'Off' }).click();
    await eventually(async () => ((await page.locator('[role=treeitem]').count()) === 6 ? true : undefined), 'every span listed again');

    // The flame graph: C is at depth 2 from 40 to 70 ms; pointing at 55 ms on that row names it, a click opens it.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Flame graph' }).click();
    const flame = page.getByRole('img', { name: 'Flame graph of 6 spans' });
    await flame.waitFor();
    const box = (await flame.boundingBox())!;
    const hover = page.locator('.flame-hover');
    await page.mouse.move(box.x + box.width * 0.55, box.y + 2 * 18 + 9);
    await eventually(async () => ((await hover.innerText()) === 'ui-critical C · 30ms' ? true : undefined), 'the flame graph naming span C');
    await page.mouse.move(box.x + box.width * 0.82, box.y + 18 + 9);
    await eventually(async () => ((await hover.innerText()).startsWith('6 spans over 3 levels') ? true : undefined), 'nothing named in the gap between B and D');
    await page.mouse.click(box.x + box.width * 0.55, box.y + 2 * 18 + 9);
    await page.locator('[data-testid=span-detail]').waitFor();
    // The URL follows the selection right after the render.
    await eventually(async () => (new URL(page.url()).searchParams.get('span') === ids[3] ? true : undefined), 'the opened span in the URL');
    expect(new URL(page.url()).searchParams.get('view')).toBe('flamegraph');
    await screenshot(page, 'trace-flame-graph');
    await expectAccessible(page, 'flame graph');

    // The trace graph: an operation per node with its self time, calls on the edges; a node opens its span.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Trace graph' }).click();
    const graph = page.getByRole('group', { name: /^Operations of the trace/ });
    await graph.waitFor();
    const calls = (await graph.getAttribute('aria-label'))!.replace('Operations of the trace: ', '').split('; ').sort();
    expect(calls).toEqual(['ui-critical B calls ui-critical C 1 times', 'ui-critical root calls ui-critical A 1 times', 'ui-critical root calls ui-critical B 1 times', 'ui-critical root calls ui-critical D 1 times', 'ui-critical root calls ui-critical E 1 times']);
    expect(await page.locator('[data-operation="ui-critical B"] text').allTextContents()).toEqual(['B', 'ui-critical · 1× · self 20ms']);
    await screenshot(page, 'trace-graph');
    await expectAccessible(page, 'trace graph');
    await page.locator('[data-operation="ui-critical D"]').click();
    await page.locator('[role=treeitem][aria-selected=true]').waitFor();
    expect(await page.locator('[role=treeitem][aria-selected=true] .operation').innerText()).toBe('D');
    await eventually(async () => (new URL(page.url()).searchParams.get('view') === null ? true : undefined), 'the timeline in the URL');

    // Statistics of the same trace. Self times: root 100 − (10–80 ∪ 85–95) = 20, A 50, E 5, B 50 − 30 = 20, C 30, D 10.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Statistics' }).click();
    const table = page.getByRole('table', { name: 'Trace statistics' });
    await table.waitFor();
    await eventually(async () => (new URL(page.url()).searchParams.get('view') === 'statistics' ? true : undefined), 'the statistics in the URL');
    const cells = async (): Promise<string[][]> =>
      table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => (cell as HTMLElement).innerText.trim())));
    const byDefault = await cells();
    expect(byDefault[0]).toEqual(['ui-critical', '6', '245ms', '40.8ms', '5ms', '100ms', '135ms', '22.5ms', '135.0 %']);
    expect(byDefault.slice(1).map((row) => `${row[0]} ${row[6]}`)).toEqual(['A 50ms', 'C 30ms', 'root 20ms', 'B 20ms', 'D 10ms', 'E 5ms']);
    await table.getByRole('button', { name: 'Service / operation' }).click();
    expect((await cells()).map((row) => row[0])).toEqual(['ui-critical', 'A', 'B', 'C', 'D', 'E', 'root']);
    expect(await table.locator('th[aria-sort=ascending]').innerText()).toBe('Service / operation');
    await screenshot(page, 'trace-statistics');
    await expectAccessible(page, 'trace statistics');

    // The span table: filtered by name, sorted by duration (longest first, ties by start); a row opens its span.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Span table' }).click();
    const spanTable = page.getByRole('table', { name: 'Spans of the trace' });
    await spanTable.waitFor();
    const spanTableFilter = page.getByRole('searchbox', { name: 'Filter' });
    expect(await page.locator('.span-table-count').innerText()).toBe('6 spans');
    await spanTable.getByRole('button', { name: 'Duration' }).click();
    const operations = async (): Promise<string[]> => spanTable.locator('[role=rowgroup] [role=row]:not(.head) [role=cell]:nth-child(2)').allInnerTexts();
    await eventually(async () => ((await operations()).join(',') === 'root,A,B,C,D,E' ? true : undefined), 'spans by duration');
    await spanTableFilter.fill('ROOT');
    await eventually(async () => ((await page.locator('.span-table-count').innerText()) === '1 of 6 spans' ? true : undefined), 'the filter applied');
    expect(await operations()).toEqual(['root']);
    await screenshot(page, 'trace-span-table');
    await expectAccessible(page, 'span table');
    await spanTableFilter.fill('');
    await spanTable.locator('[role=row]').filter({ has: page.getByRole('cell', { name: 'C', exact: true }) }).click();
    await page.locator('[role=treeitem][aria-selected=true]').waitFor();
    expect(await page.locator('[role=treeitem][aria-selected=true] .operation').innerText()).toBe('C');
    await done();
  });

  it('shows a jaeger-client span with its tags and logs, and the dark theme follows the system setting', async () => {
    const { page, done } = await cleanPage({ colorScheme: 'dark' });
    await page.goto(url(`/trace/${jaeger.traceId}?span=${jaeger.spanId}`));
    const detail = page.locator('[data-testid=span-detail]');
    await detail.getByText('jaeger.tag').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await detail.getByRole('table', { name: 'Span tags' }).innerText()).toMatch(/jaeger\.tag\s+42/);
    expect(await detail.innerText()).toMatch(/something/);
    expect(await detail.getByRole('table', { name: 'Process tags' }).innerText()).toMatch(/client\.tag\s+yes/);
    await screenshot(page, 'trace-dark');
    await expectAccessible(page, 'trace (dark)');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await done();
  });

  it('finds spans by tag value, steps through matches, navigates by keyboard, collapses and zooms', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url(`/trace/${big.traceId}?uiFind=needle-4711`));
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.locator('[data-testid=trace-span-count]').innerText()).toBe('2000');
    await page.locator('[data-testid=find-count]').getByText('1 match').waitFor();
    await page.getByRole('button', { name: 'Next match' }).click();
    const detail = page.locator('[data-testid=span-detail]');
    await detail.getByText('needle-4711').waitFor();
    expect(await detail.innerText()).toContain(big.marked.operation);
    expect(await page.locator('[role=treeitem][aria-selected=true]').isVisible()).toBe(true);

    // A text that several spans share, then next/previous with the keyboard.
    await page.getByRole('searchbox', { name: 'Find in trace' }).fill('upstream failed');
    await page.locator('[data-testid=find-count]').getByText(`${big.errorSpanCount} matches`).waitFor();
    await page.getByRole('searchbox', { name: 'Find in trace' }).press('Enter');
    await page.locator('[data-testid=find-count]').getByText(`1 of ${big.errorSpanCount} matches`).waitFor();
    expect(await page.locator('.span-row.match').count()).toBeGreaterThan(0);

    // Keyboard: the tree takes arrows; the selection moves and the detail follows.
    await page.locator('.timeline-scroll').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await page.locator('[role=treeitem]').nth(2).getAttribute('aria-selected');
    expect(third).toBe('true');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft'); // collapse the root
    expect(await page.locator('[role=treeitem]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[role=treeitem]').count()).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await page.locator('[role=treeitem]').count()).toBe(1);
    await page.getByLabel('Expand to depth').selectOption('1');
    expect(await page.locator('[role=treeitem]').count()).toBe(6); // the root and its five children
    await page.getByRole('button', { name: 'Expand all' }).click();

    // Drag on the minimap to zoom into the first half; reset brings the whole trace back.
    const box = (await page.locator('canvas.minimap').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 5 });
    await page.mouse.up();
    const lastTick = await page.locator('.timeline-head .tick').last().innerText();
    expect(lastTick).toMatch(/^(3\.9\ds|4s|4\.0\ds)$/);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    expect(await page.locator('.timeline-head .tick').last().innerText()).toBe('8s');
    await done();
  });

  it('opens a 100,000-span trace and scrolls it without long tasks', async () => {
    const huge = generateTrace(100_000, { chunk: 5_000 });
    await sendTrace(skein.url('otlp-http', '/v1/traces'), huge, 2);
    // Polled through the search API, which does not warm the UI's trace cache: the page below opens it cold.
    const range = `query.startTimeMin=${new Date(Date.now() - 3_600_000).toISOString()}&query.startTimeMax=${new Date(Date.now() + 600_000).toISOString()}`;
    await eventually(async () => {
      const response = await fetch(url(`/api/v3/trace-summaries?query.serviceName=frontend&${range}&query.searchDepth=50`));
      const { summaries } = (await response.json()) as { summaries: Array<{ traceId: string; spanCount: number }> };
      return summaries.find((summary) => summary.traceId === huge.traceId)?.spanCount === 100_000 ? true : undefined;
    }, 'the 100,000-span trace stored', 180_000);
    const { page, done } = await cleanPage();
    const figures = await measureTraceOpen(page, url(`/trace/${huge.traceId}`), 100_000, 'wheel');
    process.stderr.write(`[ui e2e] 100k-span trace: ${JSON.stringify(figures)}\n`);
    expect(figures.heapMiB).toBeLessThan(400);
    // The targets (first rows ≤ 3 s, no scroll task over 100 ms) are measured by `npm run bench -w @skein/ui` on a
    // machine doing nothing else. Here two test workers and four JVMs share the same 2 cores, and the longest scroll
    // task has reached 151 ms; these bounds catch what breaks smoothness (work per frame growing with the trace,
    // which at 100,000 spans costs seconds), not the scheduler's noise.
    expect(figures.longestScrollTaskMs).toBeLessThan(250);
    expect(figures.firstRowsMs).toBeLessThan(15_000);
    expect(await page.locator('[role=treeitem]').count()).toBeLessThan(200); // only the rows in view are in the DOM
    await screenshot(page, 'big-trace');
    await done();
  }, 300_000);
});

describe('service map', () => {
  it('draws the services with their call counts and searches a service on click', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url('/dependencies'));
    const edge = page.locator('[data-edge="ui-frontend->ui-backend"]');
    await edge.waitFor();
    expect(await edge.locator('text').textContent()).toBe('2');
    await expect(page.locator('[data-service=ui-frontend]').count()).resolves.toBe(1);
    await screenshot(page, 'dependencies');
    await expectAccessible(page, 'dependencies');
    await page.getByLabel('Lookback').selectOption('1h');
    expect(new URL(page.url()).searchParams.get('lookback')).toBe('1h');
    await edge.waitFor();
    await page.locator('[data-service=ui-backend]').click();
    await page.getByLabel('Service').locator('option:checked', { hasText: 'ui-backend' }).waitFor({ state: 'attached' });
    expect(new URL(page.url()).pathname).toMatch(/\/search$/);
    await done();
  });
});

describe('compare and upload', () => {
  it('compares two traces from the search selection and from a deep link', async () => {
    const { page, done } = await cleanPage();
    await page.goto(url(`/search?traceID=${shop.traceId}&traceID=${big.traceId}`));
    await page.locator('.result-row input[type=checkbox]').first().check();
    await page.locator('.result-row input[type=checkbox]').nth(1).check();
    await page.getByRole('button', { name: 'Compare 2/2' }).click();
    const table = page.getByRole('table', { name: 'Operations compared' });
    await table.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/\/trace\/[0-9a-f]+\.\.\.[0-9a-f]+$/);
    const selected = await table.innerText();
    expect(selected).toMatch(/ui-shop\s+SELECT orders\s+(A|B) only\s/);
    expect(selected).toMatch(/frontend\s+GET \/checkout\s+(A|B) only\s/);

    // Two traces of the same call: every operation in both, no span-count change.
    await page.goto(url(`/trace/${calls[0]}...${calls[1]}`));
    await table.waitFor();
    const same = await table.innerText();
    expect(same).toMatch(/ui-frontend\s+call backend\s+both\s+1\s+1\s+0?\s/);
    expect(same).toMatch(/ui-backend\s+serve\s+both\s+1\s+1\s/);
    expect(same).not.toMatch(/only/);
    await screenshot(page, 'compare');
    await expectAccessible(page, 'compare');
    await done();
  });

  it('merges two known traces into one operation tree coloured by what changed, and folds it', async () => {
    // A: GET /order → list (2 × select 10 ms) and → cache get; B: GET /order → list (3 × select 30 ms) and → auth.
    type Spec = Array<[service: string, name: string, parent: number, from: number, to: number]>;
    const send = async (spec: Spec): Promise<string> => {
      const traceId = randomBytes(16).toString('hex');
      const ids = spec.map(() => randomBytes(8).toString('hex'));
      const base = BigInt(Date.now() - 60_000) * 1_000_000n;
      const ms = (value: number): string => String(base + BigInt(value) * 1_000_000n);
      const resourceSpans = spec.map(([service, name, parent, from, to], i) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ spans: [{ traceId, spanId: ids[i], ...(parent >= 0 ? { parentSpanId: ids[parent] } : {}), name, kind: 1, startTimeUnixNano: ms(from), endTimeUnixNano: ms(to) }] }],
      }));
      const sent = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans }) });
      expect(sent.status).toBe(200);
      await spansStored(traceId, spec.length);
      return traceId;
    };
    const a = await send([['ui-web', 'GET /order', -1, 0, 100], ['ui-api', 'list', 0, 5, 45], ['ui-db', 'select', 1, 10, 20], ['ui-db', 'select', 1, 25, 35], ['ui-cache', 'get', 0, 50, 55]]);
    const b = await send([['ui-web', 'GET /order', -1, 0, 100], ['ui-api', 'list', 0, 5, 105], ['ui-db', 'select', 1, 10, 40], ['ui-db', 'select', 1, 40, 70], ['ui-db', 'select', 1, 70, 100], ['ui-api', 'auth', 0, 1, 4]]);

    const { page, done } = await cleanPage();
    await page.goto(url(`/trace/${a}...${b}`));
    const tree = page.getByRole('list', { name: 'Merged operation tree' });
    await tree.locator('[role=listitem]').first().waitFor();
    const rows = async (): Promise<string[][]> =>
      tree.locator('[role=listitem]').evaluateAll((items) =>
        items
          .sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top)
          .map((item) => [item.getAttribute('data-depth')!, item.getAttribute('data-operation')!, item.getAttribute('data-change')!, item.querySelectorAll('.num')[0]!.textContent!, item.querySelectorAll('.num')[1]!.textContent!]),
      );
    expect(await rows()).toEqual([
      ['0', 'ui-web GET /order', 'same', '1 → 1', '100ms → 100ms'],
      ['1', 'ui-api list', 'slower', '1 → 1', '40ms → 100ms'],
      ['2', 'ui-db select', 'slower', '2 → 3', '20ms → 90ms'],
      ['1', 'ui-cache get', 'only-a', '1 → 0', '5ms → –'],
      ['1', 'ui-api auth', 'only-b', '0 → 1', '– → 3ms'],
    ]);
    expect(await tree.locator('[data-operation="ui-api list"] .diff-badge').innerText()).toBe('slower +150 %');
    expect(await page.getByRole('region', { name: 'Operation trees compared' }).locator('.diff-legend').innerText()).toMatch(/^5 operations: 3 in both, 1 only in A, 1 only in B;/);
    await screenshot(page, 'compare-tree');
    await expectAccessible(page, 'compare tree');
    await page.getByRole('button', { name: 'Collapse list' }).click();
    expect((await rows()).map((row) => row[1])).toEqual(['ui-web GET /order', 'ui-api list', 'ui-cache get', 'ui-api auth']);
    expect(await tree.locator('[data-operation="ui-api list"]').innerText()).toMatch(/\(\+1\)/);
    await page.getByRole('button', { name: 'Expand list' }).click();
    expect(await rows()).toHaveLength(5);
    await done();
  });

  it('opens a Jaeger JSON file and an OTLP JSON file without storing them', async () => {
    const { page, done } = await cleanPage();
    const jaegerFile = join(scratch, 'trace.json');
    writeFileSync(jaegerFile, await (await fetch(url(`/api/traces/${shop.traceId}`))).text());
    await page.goto(url('/search'));
    await page.locator('#trace-file').setInputFiles(jaegerFile);
    await page.locator('[data-testid=trace-page]').waitFor();
    expect(await page.getByText('(from a file, not stored)').count()).toBe(1);
    expect(await rowTexts(page)).toHaveLength(2);
    await page.locator('[role=treeitem]').nth(1).click();
    await page.locator('[data-testid=span-detail]').getByText('db.system').waitFor();

    const otlp = generateTrace(40, { chunk: 40 });
    const otlpFile = join(scratch, 'otlp.json');
    writeFileSync(otlpFile, otlp.bodies.length === 1 ? otlp.bodies[0]! : JSON.stringify({ resourceSpans: otlp.bodies.flatMap((body) => JSON.parse(body).resourceSpans) }));
    await page.locator('#trace-file').setInputFiles(otlpFile);
    await page.waitForURL(`**/trace/${otlp.traceId}`);
    await page.locator('[data-testid=trace-span-count]').getByText('40').waitFor();
    await page.getByRole('searchbox', { name: 'Find in trace' }).fill('needle-4711');
    await page.locator('[data-testid=find-count]').getByText('1 match').waitFor();
    const stored = await fetch(url(`/api/traces/${otlp.traceId}`));
    expect(stored.status).toBe(404);
    await stored.arrayBuffer();

    // A span whose parent is missing from the file is marked as such on its row.
    const orphanFile = join(scratch, 'orphan.json');
    const shopJson = JSON.parse(await (await fetch(url(`/api/traces/${shop.traceId}`))).text()) as { data: Array<{ spans: Array<{ spanID: string }> }> };
    shopJson.data[0]!.spans = shopJson.data[0]!.spans.filter((span) => span.spanID !== shop.parentId);
    writeFileSync(orphanFile, JSON.stringify(shopJson));
    await page.locator('#trace-file').setInputFiles(orphanFile);
    await page.waitForURL(`**/trace/${shop.traceId}`);
    await page.locator('[data-testid=trace-span-count]').getByText('1').waitFor();
    expect(await page.locator('[role=treeitem] .warning-mark').getAttribute('title')).toBe('its parent span is not in the trace');

    const badFile = join(scratch, 'bad.json');
    writeFileSync(badFile, '{"hello": 1}');
    await page.locator('#trace-file').setInputFiles(badFile);
    expect(await page.getByRole('alert').innerText()).toMatch(/bad\.json: trace 1 is not Jaeger JSON/);
    await done();
  });
});

describe('states and errors', () => {
  it('says plainly when a trace is missing, an API call is refused, or the API cannot be reached', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(url('/trace/00000000000000000000000000abcdef'));
    expect(await page.getByRole('alert').innerText()).toMatch(/Trace 00000000000000000000000000abcdef was not found/);
    await expectAccessible(page, 'trace not found');

    await page.goto(url('/search?traceID=not-a-trace-id'));
    expect(await page.getByRole('alert').innerText()).toMatch(/unable to parse param 'traceID'/);

    await page.route('**/api/v3/services', (route) => route.abort('connectionrefused'));
    await page.goto(url('/search'));
    expect(await page.getByText('Services could not be loaded').innerText()).toMatch(/cannot be reached/);

    await page.goto(url('/no/such/page'));
    expect(await page.getByRole('alert').innerText()).toMatch(/There is no page at \/no\/such\/page/);
    await page.context().close();
    // Only the refused requests we caused may appear as console errors.
    expect(problems.filter((problem) => !/Failed to load resource|ERR_CONNECTION_REFUSED|404|400/.test(problem))).toEqual([]);
  });

  it('serves the UI and its API under --query.base-path, with the menu and trace links of --query.ui-config', async () => {
    const other = newDataDir();
    const uiConfig = join(scratch, 'ui-config.json');
    writeFileSync(
      uiConfig,
      JSON.stringify({
        menu: [{ label: 'Kibana', url: 'https://kibana.example/app/discover' }, { label: 'Runbooks', items: [{ label: 'On call', url: '/runbooks/on-call' }] }],
        linkPatterns: [{ type: 'traces', text: 'Logs in Kibana', url: "https://kibana.example/app/discover#/?_a=(query:(language:kuery,query:'trace.id:#{traceID}'))&from=#{startTime}" }],
      }),
    );
    const proxied = await startSkein({ dataDir: other, flags: ['--query.base-path=/jaeger', `--query.ui-config=${uiConfig}`], env: { SPAN_STORAGE_TYPE: 'memory' } });
    try {
      const two = generateTrace(3, { chunk: 3 });
      await sendTrace(proxied.url('otlp-http', '/v1/traces'), two);
      const { page, done } = await cleanPage();
      await page.goto(proxied.url('query', `/jaeger/trace/${two.traceId}`));
      await page.locator('[role=treeitem]').first().waitFor();
      expect(await rowTexts(page)).toHaveLength(3);
      const logs = await page.getByRole('link', { name: 'Logs in Kibana' }).getAttribute('href');
      expect(logs).toMatch(new RegExp(`^https://kibana\\.example/app/discover#/\\?_a=\\(query:\\(language:kuery,query:'trace\\.id:${two.traceId}'\\)\\)&from=\\d{16}$`));
      await page.getByRole('link', { name: 'Search', exact: true }).click();
      expect(new URL(page.url()).pathname).toBe('/jaeger/search');
      await page.getByLabel('Service').locator('option', { hasText: 'frontend' }).waitFor({ state: 'attached' });
      expect(await page.getByRole('link', { name: 'Kibana' }).getAttribute('href')).toBe('https://kibana.example/app/discover');
      await page.getByText('Runbooks').click();
      expect(await page.getByRole('link', { name: 'On call' }).getAttribute('href')).toBe('/runbooks/on-call');
      await done();
    } finally {
      expect((await proxied.stop()).code).toBe(0);
      removeDataDir(other);
    }
  });
});

/** The UI's duration format for a whole number of µs (mirrors format/duration.ts for the values used here). */
function formatMicros(micros: number): string {
  const round = (value: number): string => String(Number(value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)));
  if (micros < 1_000) return `${micros}µs`;
  if (micros < 1_000_000) return `${round(micros / 1_000)}ms`;
  return `${round(micros / 1_000_000)}s`;
}
