import { Fragment, useEffect, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';

/** More than the rows any screen shows at once, so consecutive rows never share a slot. */
const ROW_SLOTS = 1024;

/**
 * Renders only the fixed-height rows in view (plus a margin) inside a scrolling box, so a list of 100,000 rows costs
 * what 50 cost. `renderRow` gets the row index and the absolute style to apply; its element needs no key.
 */
export function VirtualList(props: {
  count: number;
  rowHeight: number;
  renderRow: (index: number, style: CSSProperties) => ReactNode;
  className?: string;
  scrollRef?: RefObject<HTMLDivElement | null>;
  overscan?: number;
  label?: string;
  role?: string;
  onKeyDown?: (event: React.KeyboardEvent<HTMLDivElement>) => void;
  tabIndex?: number;
}) {
  const { count, rowHeight, renderRow, overscan = 8 } = props;
  const ownRef = useRef<HTMLDivElement>(null);
  const ref = props.scrollRef ?? ownRef;
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const update = (): void => {
      frame = 0;
      setView((old) => (old.top === element.scrollTop && old.height === element.clientHeight ? old : { top: element.scrollTop, height: element.clientHeight }));
    };
    const onScroll = (): void => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [ref]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  // Rows are keyed by slot, not by what they show: a scrolled window reuses the same elements and only their text
  // and styles change, instead of tearing down and building ~50 rows per frame.
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(<Fragment key={index % ROW_SLOTS}>{renderRow(index, { top: index * rowHeight, height: rowHeight })}</Fragment>);
  }
  return (
    <div ref={ref} className={props.className} role={props.role} aria-label={props.label} onKeyDown={props.onKeyDown} tabIndex={props.tabIndex}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
