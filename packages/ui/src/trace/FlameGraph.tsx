import { useMemo, useRef, useState } from 'react';
import { serviceColor } from '../app/theme';
import { useCanvasDrawing } from '../app/use-canvas';
import { formatDuration } from '../format/duration';
import { flameIndex, flameSpanAt } from './flame-index';
import type { ViewRange } from './Minimap';
import type { TraceTree } from './trace-tree';

const ROW = 18;
/** A canvas is at most this tall; deeper levels are left out (and said so). */
const MAX_HEIGHT = 16_000;

/**
 * The trace as a flame graph on a canvas: a row per depth, each span a box over its time, in the time range the
 * minimap selects. Spans narrower than a pixel that fall on a pixel already painted are skipped, so a million spans
 * cost the pixels, not the spans. Hovering names the span under the pointer; a click opens it.
 */
export function FlameGraph({ tree, view, selected, onSelect }: { tree: TraceTree; view: ViewRange; selected: number; onSelect: (span: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const index = useMemo(() => flameIndex(tree), [tree]);
  const colors = useMemo(() => tree.services.map(serviceColor), [tree]);
  const [hovered, setHovered] = useState(-1);
  const rowsShown = Math.min(index.depths, Math.floor(MAX_HEIGHT / ROW));
  const viewStart = view.from * tree.duration;
  const viewSpan = Math.max(1, (view.to - view.from) * tree.duration);

  useCanvasDrawing(
    canvas,
    (context, width) => {
      const scale = width / viewSpan;
      context.font = '11px system-ui, sans-serif';
      context.textBaseline = 'middle';
      for (let depth = 0; depth < rowsShown; depth++) {
        const y = depth * ROW;
        let paintedTo = -1;
        for (let at = index.rowStart[depth]!; at < index.rowStart[depth + 1]!; at++) {
          const span = index.spans[at]!;
          const x0 = (tree.starts[span]! - viewStart) * scale;
          const x1 = x0 + tree.durations[span]! * scale;
          if (x1 < 0 || x0 > width) continue;
          if (x1 - x0 < 1 && Math.floor(x0) <= paintedTo) continue;
          const left = Math.max(0, x0);
          const boxWidth = Math.max(1, Math.min(width, x1) - left);
          context.fillStyle = colors[tree.serviceIndexes[span]!]!;
          context.fillRect(left, y + 1, boxWidth, ROW - 2);
          // A light edge where a box starts, so that siblings that touch or overlap stay apart.
          if (boxWidth >= 3) {
            context.fillStyle = 'rgba(255, 255, 255, 0.85)';
            context.fillRect(left, y + 1, 1, ROW - 2);
          }
          paintedTo = Math.max(paintedTo, Math.floor(left + boxWidth));
          if (span === selected) {
            context.strokeStyle = '#000';
            context.lineWidth = 2;
            context.strokeRect(left + 1, y + 2, Math.max(1, boxWidth - 2), ROW - 4);
          }
          if (boxWidth > 40) {
            context.save();
            context.beginPath();
            context.rect(left, y, boxWidth - 2, ROW);
            context.clip();
            context.fillStyle = '#fff';
            context.fillText(tree.operations[tree.operationIndexes[span]!]!, left + 4, y + ROW / 2);
            context.restore();
          }
        }
      }
      performance.mark('skein:flame-drawn', { detail: { spans: tree.count } });
    },
    [tree, index, view, selected, rowsShown],
  );

  const spanAt = (event: React.MouseEvent<HTMLCanvasElement>): number => {
    const box = event.currentTarget.getBoundingClientRect();
    const offset = viewStart + ((event.clientX - box.left) / box.width) * viewSpan;
    return flameSpanAt(index, tree, Math.floor((event.clientY - box.top) / ROW), offset);
  };
  const describe = (span: number): string =>
    `${tree.services[tree.serviceIndexes[span]!]} ${tree.operations[tree.operationIndexes[span]!]} · ${formatDuration(tree.durations[span]!)}`;
  return (
    <div className="flame-graph">
      <p className="flame-hover" role="status">
        {hovered >= 0 ? describe(hovered) : `${tree.count} spans over ${index.depths} levels; point at one to name it, click to open it`}
        {rowsShown < index.depths ? ` (the deepest ${index.depths - rowsShown} levels are not drawn)` : ''}
      </p>
      <div className="flame-scroll">
        <canvas
          ref={canvas}
          style={{ height: rowsShown * ROW }}
          role="img"
          aria-label={`Flame graph of ${tree.count} spans`}
          onPointerMove={(event) => setHovered(spanAt(event))}
          onPointerLeave={() => setHovered(-1)}
          onClick={(event) => {
            const span = spanAt(event);
            if (span >= 0) onSelect(span);
          }}
        />
      </div>
    </div>
  );
}
