import { useRef, useState } from 'react';
import { useCanvasDrawing } from '../app/use-canvas';
import { serviceColor } from '../app/theme';
import type { TraceTree } from './trace-tree';

export interface ViewRange {
  /** Fractions of the trace's duration, 0 ≤ from < to ≤ 1. */
  from: number;
  to: number;
}

/**
 * The whole trace in 64 px: every span a line at its preorder position, drawn once per tree on a canvas (one pass,
 * so 100,000 spans cost a few ms). Dragging selects the range the timeline shows; the shaded parts are outside it.
 */
export function Minimap({ tree, view, onView }: { tree: TraceTree; view: ViewRange; onView: (view: ViewRange) => void }) {
  const base = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number }>();

  // Drawn after the first rows are on screen: on a 100,000-span trace the overview is the slower part.
  useCanvasDrawing(
    base,
    (context, width, height) => {
      const total = Math.max(1, tree.duration);
      const rowHeight = height / Math.max(1, tree.count);
      const lineHeight = Math.max(1, Math.min(6, rowHeight));
      // One path per service colour: a fill-style change per span costs more than the rectangles themselves.
      const paths = tree.services.map(() => new Path2D());
      for (let row = 0; row < tree.count; row++) {
        const span = tree.order[row]!;
        const x = (tree.starts[span]! / total) * width;
        const w = Math.max(1, (tree.durations[span]! / total) * width);
        paths[tree.serviceIndexes[span]!]!.rect(x, row * rowHeight, w, lineHeight);
      }
      tree.services.forEach((service, i) => {
        context.fillStyle = serviceColor(service);
        context.fill(paths[i]!);
      });
    },
    [tree],
    { defer: true },
  );

  const fractionAt = (event: React.PointerEvent<HTMLDivElement>): number => {
    const box = event.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  };
  const shown = drag ? { from: Math.min(drag.start, drag.end), to: Math.max(drag.start, drag.end) } : view;
  const zoomed = view.from > 0 || view.to < 1;
  return (
    <div style={{ position: 'relative' }}>
      <div
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = fractionAt(event);
          setDrag({ start: at, end: at });
        }}
        onPointerMove={(event) => drag && setDrag({ ...drag, end: fractionAt(event) })}
        onPointerUp={() => {
          if (drag) {
            const from = Math.min(drag.start, drag.end);
            const to = Math.max(drag.start, drag.end);
            onView(to - from < 0.002 ? { from: 0, to: 1 } : { from, to });
          }
          setDrag(undefined);
        }}
        role="presentation"
      >
        <canvas ref={base} className="minimap" role="img" aria-label={`Overview of ${tree.count} spans; drag to zoom the timeline`} />
        <div aria-hidden="true" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
          <div style={{ position: 'absolute', top: 0, bottom: 0, left: 0, width: `${shown.from * 100}%`, background: 'rgba(128,128,128,0.35)' }} />
          <div style={{ position: 'absolute', top: 0, bottom: 0, right: 0, width: `${(1 - shown.to) * 100}%`, background: 'rgba(128,128,128,0.35)' }} />
        </div>
      </div>
      {zoomed && (
        <button type="button" style={{ position: 'absolute', right: 8, top: 8 }} onClick={() => onView({ from: 0, to: 1 })}>
          Reset zoom
        </button>
      )}
    </div>
  );
}
