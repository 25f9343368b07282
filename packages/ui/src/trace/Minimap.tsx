import { useRef, useState } from 'react';
import { useCanvasDrawing } from '../app/use-canvas';
import { serviceRgb } from '../app/theme';
import { MINIMAP_COLUMNS, type TraceTree } from './trace-tree';

export interface ViewRange {
  /** Fractions of the trace's duration, 0 ≤ from < to ≤ 1. */
  from: number;
  to: number;
}

/**
 * The whole trace in 64 px: every span a line at its preorder position, from the raster the worker made. Dragging
 * selects the range the timeline shows; the shaded parts are outside it.
 */
export function Minimap({ tree, view, onView }: { tree: TraceTree; view: ViewRange; onView: (view: ViewRange) => void }) {
  const base = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number }>();

  // The worker rasterised the trace (64 × 1,024 cells); painting it costs the same for 100 spans as for 100,000.
  useCanvasDrawing(
    base,
    (context, width, height) => {
      const { rows, cells } = tree.minimap;
      const palette = tree.services.map(serviceRgb);
      const image = new ImageData(MINIMAP_COLUMNS, rows);
      for (let cell = 0; cell < cells.length; cell++) {
        const service = cells[cell]!;
        if (service === 0) continue;
        const [r, g, b] = palette[service - 1]!;
        image.data[cell * 4] = r;
        image.data[cell * 4 + 1] = g;
        image.data[cell * 4 + 2] = b;
        image.data[cell * 4 + 3] = 255;
      }
      const raster = new OffscreenCanvas(MINIMAP_COLUMNS, rows);
      raster.getContext('2d')!.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = false;
      // Short traces get at most 6 px per span row, from the top, as a long one does.
      context.drawImage(raster, 0, 0, width, Math.min(height, rows * 6));
    },
    [tree],
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
