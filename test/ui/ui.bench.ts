/**
 * The web UI in headless Chromium against the real all-in-one (SQLite): navigation → first span rows for 1k, 10k,
 * 100k and 1M-span traces (cold: the server has not read the trace yet; warm: opened again, from its cache), the longest
 * main-thread task while scrolling through the whole trace, JS memory, collapsing and expanding the root, drawing the
 * flame graph; and the search page with 1,500 results. Two baselines from the
 * same run: the app's own start (search page, empty), and what Jaeger's UI has to do before it can draw anything,
 * fetch and JSON.parse `/api/traces/{id}` (or the v1 search) in the same browser. Prints one JSON line per measurement.
 *
 *   npm run bench -w @skein/ui
 */
import type { Page } from 'playwright-core';
import { newDataDir, removeDataDir, startSkein, type RunningSkein } from '../e2e/all-in-one/skein-process.js';
import { launchBrowser, openPage } from './browser.js';
import { measureTraceInteractions, measureTraceOpen } from './measure.js';
import { generateTrace, sendTrace, type GeneratedTrace } from './trace-generator.js';

const SIZES = (process.env.SKEIN_BENCH_UI_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
/** Jaeger JSON of a bigger trace is past what a browser can hold in one string: no baseline there. */
const BASELINE_MAX_SPANS = 200_000;
const SEARCH_RESULTS = 1_500;

const emit = (record: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify({ bench: 'ui', ...record })}\n`);
const round = (value: number): number => Math.round(value * 10) / 10;

async function waitStored(skein: RunningSkein, service: string, traceId: string, spans: number): Promise<void> {
  const now = Date.now();
  const query = new URLSearchParams({
    'query.serviceName': service,
    'query.startTimeMin': new Date(now - 3_600_000).toISOString(),
    'query.startTimeMax': new Date(now + 60_000).toISOString(),
    'query.searchDepth': '50',
  });
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await fetch(skein.url('query', `/api/v3/trace-summaries?${query}`));
    const { summaries } = (await response.json()) as { summaries: Array<{ traceId: string; spanCount: number }> };
    if (summaries.find((summary) => summary.traceId === traceId)?.spanCount === spans) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`trace ${traceId} did not reach ${spans} spans`);
}

/** The Jaeger-UI baseline: fetch and parse the whole JSON in the page, ms. */
async function fetchAndParse(page: Page, path: string): Promise<{ ms: number; bytes: number }> {
  return page.evaluate(async (target) => {
    const started = performance.now();
    const text = await (await fetch(target)).text();
    JSON.parse(text);
    return { ms: performance.now() - started, bytes: text.length };
  }, path);
}

/** The app's own start (HTML, script, first render of the search page): the fixed part of every first-rows time. */
async function appBootMs(page: Page, skein: RunningSkein): Promise<number> {
  const started = performance.now();
  await page.goto(skein.url('query', '/search'));
  await page.getByText('Choose a service and press').waitFor();
  return performance.now() - started;
}

async function benchTrace(skein: RunningSkein, trace: GeneratedTrace): Promise<void> {
  const browser = await launchBrowser();
  try {
    const boot = await openPage(browser);
    await appBootMs(boot.page, skein); // warm the browser's cache of the script, as a returning user has it
    const bootMs = await appBootMs(boot.page, skein);
    await boot.page.context().close();
    for (const phase of ['cold', 'warm'] as const) {
      const { page } = await openPage(browser);
      const figures = await measureTraceOpen(page, skein.url('query', `/trace/${trace.traceId}`), trace.spanCount, 'jump');
      const { page: wheelPage } = await openPage(browser);
      const wheel = await measureTraceOpen(wheelPage, skein.url('query', `/trace/${trace.traceId}`), trace.spanCount, 'wheel');
      await wheelPage.context().close();
      const interactions = await measureTraceInteractions(page);
      const baseline = trace.spanCount <= BASELINE_MAX_SPANS ? await fetchAndParse(page, skein.url('query', `/api/traces/${trace.traceId}`)) : undefined;
      emit({
        case: `trace ${trace.spanCount} spans, ${phase}`,
        firstRowsMs: round(figures.firstRowsMs),
        pageMarkMs: round(figures.markMs),
        longestJumpScrollTaskMs: round(figures.longestScrollTaskMs),
        longJumpScrollTasks: figures.longScrollTasks,
        longestWheelScrollTaskMs: round(wheel.longestScrollTaskMs),
        jsMemoryMiB: round(figures.heapMiB),
        collapseRootMs: round(interactions.collapseMs),
        expandRootMs: round(interactions.expandMs),
        flameGraphMs: round(interactions.flameGraphMs),
        baselineAppBootMs: round(bootMs),
        ...(baseline
          ? {
              baselineJaegerJsonFetchParseMs: round(baseline.ms),
              baselineJaegerJsonMiB: round(baseline.bytes / 1024 / 1024),
              // What the trace itself costs (first rows less the app's start) against Jaeger JSON's fetch and parse alone.
              ratioTraceCostToJaegerJson: round(Math.max(0, figures.firstRowsMs - bootMs) / baseline.ms),
            }
          : {}),
      });
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
}

async function benchSearch(skein: RunningSkein): Promise<void> {
  const browser = await launchBrowser();
  try {
    const { page } = await openPage(browser);
    const started = performance.now();
    await page.goto(skein.url('query', `/search?service=bench-search&lookback=1h&limit=${SEARCH_RESULTS}`));
    await page.locator('[data-testid=result-count]').getByText(`${SEARCH_RESULTS} traces`).waitFor({ timeout: 120_000 });
    const resultsMs = performance.now() - started;
    const scroll = await page.evaluate(async () => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
      observer.observe({ type: 'longtask', buffered: false });
      const element = document.querySelector('.result-list')!;
      for (let i = 1; i <= 40; i++) {
        element.scrollTop = ((element.scrollHeight - element.clientHeight) * i) / 40;
        await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      }
      observer.disconnect();
      return tasks.length === 0 ? 0 : Math.max(...tasks);
    });
    const sortStarted = performance.now();
    await page.getByLabel('Sort').selectOption('longest');
    await page.waitForURL(/sort=longest/);
    const sortMs = performance.now() - sortStarted;
    const baseline = await fetchAndParse(page, skein.url('query', `/api/traces?service=bench-search&lookback=1h&limit=${SEARCH_RESULTS}`));
    emit({
      case: `search page, ${SEARCH_RESULTS} results`,
      resultsShownMs: round(resultsMs),
      longestScrollTaskMs: round(scroll),
      resortMs: round(sortMs),
      baselineV1SearchFetchParseMs: round(baseline.ms),
      baselineV1SearchMiB: round(baseline.bytes / 1024 / 1024),
    });
    await page.context().close();
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const dataDir = newDataDir();
  const skein = await startSkein({ dataDir });
  try {
    const otlp = skein.url('otlp-http', '/v1/traces');
    const small = Array.from({ length: SEARCH_RESULTS }, () => generateTrace(5, { service: 'bench-search' }));
    for (let at = 0; at < small.length; at += 100) {
      const batch = small.slice(at, at + 100);
      await sendTrace(otlp, { ...batch[0]!, bodies: [JSON.stringify({ resourceSpans: batch.flatMap((trace) => JSON.parse(trace.bodies[0]!).resourceSpans) })] });
    }
    await waitStored(skein, 'bench-search', small.at(-1)!.traceId, 5);
    await benchSearch(skein);
    for (const size of SIZES) {
      const trace = generateTrace(size, { chunk: 5_000 });
      await sendTrace(otlp, trace);
      await waitStored(skein, 'frontend', trace.traceId, size);
      await benchTrace(skein, trace);
    }
  } finally {
    await skein.stop();
    removeDataDir(dataDir);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ui bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
