import { useRef } from 'react';
import { useCanvasDrawing } from '../app/use-canvas';
import type { TraceSummary } from '../api/types';
import { formatDuration } from '../format/duration';
import { formatTimestamp } from '../format/time';
import { summaryTimes } from './summary-order';

interface Point {
  x: number;
  y: number;
  summary: TraceSummary;
}

/**
 * Duration over start time, one dot per result, errors in red; a click opens the nearest trace. Drawn on a canvas
 * so 1,500 results cost one paint. The result list next to it is the accessible form of the same data.
 */
export function ScatterPlot({ summaries, onOpen }: { summaries: readonly TraceSummary[]; onOpen: (traceId: string) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = useRef<Point[]>([]);

  useCanvasDrawing(
    canvas,
    (context, width, height, element) => {
      const style = getComputedStyle(element);
      const muted = style.getPropertyValue('--text-muted').trim() || '#555';
      const accent = style.getPropertyValue('--accent').trim() || '#1f5fbf';
      const error = style.getPropertyValue('--error').trim() || '#c62828';
      const times = summaries.map(summaryTimes);
      const minX = Math.min(...times.map((t) => t.start));
      const maxX = Math.max(...times.map((t) => t.start));
      const maxY = Math.max(1, ...times.map((t) => t.duration));
      const pad = { left: 64, right: 12, top: 10, bottom: 22 };
      const plotW = width - pad.left - pad.right;
      const plotH = height - pad.top - pad.bottom;
      context.fillStyle = muted;
      context.font = '11px system-ui, sans-serif';
      context.textAlign = 'right';
      for (const fraction of [0, 0.5, 1]) {
        const y = pad.top + plotH * (1 - fraction);
        context.fillText(formatDuration(maxY * fraction), pad.left - 6, y + 4);
        context.globalAlpha = 0.25;
        context.fillRect(pad.left, y, plotW, 1);
        context.globalAlpha = 1;
      }
      context.textAlign = 'left';
      if (times.length > 0) context.fillText(formatTimestamp(minX), pad.left, height - 6);
      context.textAlign = 'right';
      if (times.length > 1) context.fillText(formatTimestamp(maxX), width - pad.right, height - 6);
      points.current = summaries.map((summary, i) => ({
        summary,
        x: pad.left + (maxX === minX ? plotW / 2 : ((times[i]!.start - minX) / (maxX - minX)) * plotW),
        y: pad.top + plotH * (1 - times[i]!.duration / maxY),
      }));
      for (const point of points.current) {
        context.beginPath();
        context.fillStyle = point.summary.errorSpanCount > 0 ? error : accent;
        context.globalAlpha = 0.75;
        context.arc(point.x, point.y, point.summary.errorSpanCount > 0 ? 4.5 : 3.5, 0, Math.PI * 2);
        context.fill();
      }
      context.globalAlpha = 1;
    },
    [summaries],
  );

  const nearest = (event: React.MouseEvent<HTMLCanvasElement>): Point | undefined => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    let best: Point | undefined;
    let bestDistance = 100; // within 10 px
    for (const point of points.current) {
      const distance = (point.x - x) ** 2 + (point.y - y) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [point, distance];
    }
    return best;
  };

  return (
    <canvas
      ref={canvas}
      className="scatter"
      role="img"
      aria-label={`Scatter plot of ${summaries.length} traces: duration over start time, errors in red`}
      onClick={(event) => {
        const point = nearest(event);
        if (point) onOpen(point.summary.traceId);
      }}
      onMouseMove={(event) => {
        const point = nearest(event);
        event.currentTarget.title = point
          ? `${point.summary.rootServiceName}: ${point.summary.rootOperationName} — ${formatDuration(summaryTimes(point.summary).duration)}, ${point.summary.spanCount} spans`
          : '';
        event.currentTarget.style.cursor = point ? 'pointer' : 'crosshair';
      }}
    />
  );
}
