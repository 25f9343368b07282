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

/**
 * Opens `/trace/{id}` and measures what the UI issue's targets name: time to first rows, memory, scroll smoothness.
 * `jump` scrolling moves the whole window each frame (every row new: the worst case, for the benchmark); `wheel`
 * scrolls as a person does, 2,000 px per wheel event over the first part of the trace.
 */
export async function measureTraceOpen(page: Page, url: string, expectedSpans: number, scrolling: 'jump' | 'wheel' = 'jump'): Promise<TraceOpenFigures> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
  await page.locator('[role=treeitem]').first().waitFor({ timeout: 180_000 });
  const firstRowsMs = performance.now() - started;
  const spanCount = await page.getAttribute('[data-testid=trace-page]', 'data-span-count');
  if (Number(spanCount) !== expectedSpans) throw new Error(`the trace page shows ${spanCount} spans, expected ${expectedSpans}`);
  const markMs = await page.evaluate(() => performance.getEntriesByName('skein:trace-rows')[0]?.startTime ?? Number.NaN);
  const heap = await heapMiB(page);
  await page.evaluate(() => {
    const tasks: number[] = [];
    (globalThis as unknown as { skeinLongTasks: number[] }).skeinLongTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: false });
  });
  if (scrolling === 'jump') {
    await page.evaluate(async () => {
      const element = document.querySelector('.timeline-scroll')!;
      // No named helper functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
      for (let i = 1; i <= 60; i++) {
        element.scrollTop = ((element.scrollHeight - element.clientHeight) * i) / 60;
        await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      }
    });
  } else {
    const box = (await page.locator('.timeline-scroll').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 2_000);
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    }
    const { scrolled, room } = await page.evaluate(() => {
      const element = document.querySelector('.timeline-scroll')!;
      return { scrolled: element.scrollTop, room: element.scrollHeight - element.clientHeight };
    });
    if (scrolled < Math.min(100_000, room) - 1) throw new Error(`the timeline scrolled only ${scrolled} of ${room} px under the wheel`);
  }
  await page.waitForTimeout(100);
  const tasks = await page.evaluate(() => (globalThis as unknown as { skeinLongTasks: number[] }).skeinLongTasks);
  return { firstRowsMs, markMs, heapMiB: heap, longestScrollTaskMs: tasks.length === 0 ? 0 : Math.max(...tasks), longScrollTasks: tasks.length };
}

export interface TraceInteractionFigures {
  /** Click on the root's toggle → its subtree's rows gone from the DOM, ms. */
  collapseMs: number;
  /** Click again → the rows back, ms. */
  expandMs: number;
  /** Click on "Flame graph" → the canvas drawn (the page's `skein:flame-drawn` mark), ms. */
  flameGraphMs: number;
}

/** On an opened trace page: collapsing and expanding the root, then switching to the flame graph. */
export async function measureTraceInteractions(page: Page): Promise<TraceInteractionFigures> {
  return page.evaluate(async () => {
    // No named helper functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
    document.querySelector('.timeline-scroll')!.scrollTop = 0;
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    const deadline = performance.now() + 60_000;
    let started = performance.now();
    document.querySelector<HTMLButtonElement>('[role=treeitem][aria-level="1"] button.toggle')!.click();
    while (document.querySelectorAll('[role=treeitem]').length !== 1) {
      if (performance.now() > deadline) throw new Error('the root did not fold within 60 s');
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    }
    const collapseMs = performance.now() - started;
    started = performance.now();
    document.querySelector<HTMLButtonElement>('[role=treeitem][aria-level="1"] button.toggle')!.click();
    while (document.querySelectorAll('[role=treeitem]').length <= 1) {
      if (performance.now() > deadline) throw new Error('the root did not unfold within 60 s');
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    }
    const expandMs = performance.now() - started;
    const flameButton = document.querySelector<HTMLButtonElement>('.trace-toolbar [aria-label=View] button:nth-child(2)')!;
    started = performance.now();
    flameButton.click();
    let drawn: PerformanceEntry | undefined;
    for (;;) {
      drawn = performance.getEntriesByName('skein:flame-drawn').find((entry) => entry.startTime >= started);
      if (drawn) break;
      if (performance.now() > deadline) throw new Error('the flame graph was not drawn within 60 s');
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
    }
    return { collapseMs, expandMs, flameGraphMs: drawn.startTime - started };
  });
}
