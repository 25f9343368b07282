import type { Page } from 'playwright-core';

export interface TraceOpenFigures {
  /** `page.goto` → the first span row in the DOM, as the user sees it, ms. */
  firstRowsMs: number;
  /** The page's own mark (navigation start → rows committed), ms. */
  markMs: number;
  /** Used JS heap after opening, MiB (after a forced GC). */
  heapMiB: number;
  /** Longest main-thread task while scrolling through the whole trace, ms (0 when none reached 50 ms). */
  longestScrollTaskMs: number;
  /** Long tasks (≥ 50 ms) seen while scrolling. */
  longScrollTasks: number;
}

/**
 * JS memory of the page in MiB after a forced garbage collection (Chromium runs with --expose-gc): the V8 heap plus
 * the ArrayBuffer backing stores, where the trace's typed arrays live.
 */
export async function heapMiB(page: Page): Promise<number> {
  await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
  const session = await page.context().newCDPSession(page);
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await session.detach();
  return (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1024 / 1024;
}

/** Opens `/trace/{id}` and measures what the UI issue's targets name: time to first rows, heap, scroll smoothness. */
export async function measureTraceOpen(page: Page, url: string, expectedSpans: number, scrollSteps = 60): Promise<TraceOpenFigures> {
  const started = performance.now();
  await page.goto(url);
  await page.locator('[role=treeitem]').first().waitFor({ timeout: 60_000 });
  const firstRowsMs = performance.now() - started;
  const spanCount = await page.getAttribute('[data-testid=trace-page]', 'data-span-count');
  if (Number(spanCount) !== expectedSpans) throw new Error(`the trace page shows ${spanCount} spans, expected ${expectedSpans}`);
  const markMs = await page.evaluate(() => performance.getEntriesByName('skein:trace-rows')[0]?.startTime ?? Number.NaN);
  const heap = await heapMiB(page);
  const scroll = await page.evaluate(async (steps) => {
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
    observer.observe({ type: 'longtask', buffered: false });
    const element = document.querySelector('.timeline-scroll')!;
    // No named helper functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
    for (let i = 1; i <= steps; i++) {
      element.scrollTop = ((element.scrollHeight - element.clientHeight) * i) / steps;
      await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { longest: tasks.length === 0 ? 0 : Math.max(...tasks), count: tasks.length };
  }, scrollSteps);
  return { firstRowsMs, markMs, heapMiB: heap, longestScrollTaskMs: scroll.longest, longScrollTasks: scroll.count };
}
