import { useEffect, type DependencyList, type RefObject } from 'react';

/**
 * Draws on a canvas at the screen's pixel density, again whenever the canvas changes size or `deps` change. With
 * `defer`, drawing waits for the next task, so what the page shows first is not held up by it.
 */
export function useCanvasDrawing(
  ref: RefObject<HTMLCanvasElement | null>,
  draw: (context: CanvasRenderingContext2D, width: number, height: number, canvas: HTMLCanvasElement) => void,
  deps: DependencyList,
  options: { defer?: boolean } = {},
): void {
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const paint = (): void => {
      const ratio = window.devicePixelRatio || 1;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      canvas.width = Math.max(1, width * ratio);
      canvas.height = Math.max(1, height * ratio);
      const context = canvas.getContext('2d');
      if (!context) return;
      context.scale(ratio, ratio);
      draw(context, width, height, canvas);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      if (!options.defer) return paint();
      clearTimeout(timer);
      timer = setTimeout(paint, 0);
    };
    const observer = new ResizeObserver(schedule);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    // The caller names in `deps` what `draw` reads.
  }, deps);
}
