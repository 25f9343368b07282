import { describe, expect, it } from '@jest/globals';
import { dependenciesFromSpans } from '@skein/storage';
import { PartitionDependencyWindow, type ObservedCall, type WindowSpan } from './partition-window.js';

const TRACE = 'a'.repeat(32);

function span(spanId: string, service: string, parent?: string, startTime = 1_000): WindowSpan {
  return { traceId: TRACE, spanId, references: parent ? [{ refType: 'CHILD_OF', traceId: TRACE, spanId: parent }] : [], process: { serviceName: service }, startTime };
}

function run(window: PartitionDependencyWindow, spans: WindowSpan[]): ObservedCall[] {
  const calls: ObservedCall[] = [];
  for (const s of spans) window.observe(s, (call) => calls.push(call));
  return calls;
}

const roomy = (): PartitionDependencyWindow => new PartitionDependencyWindow({ maxSpans: 1000, maxWaitingChildren: 1000 });

describe('PartitionDependencyWindow', () => {
  it('counts a call when the parent arrived first', () => {
    expect(run(roomy(), [span('01', 'front'), span('02', 'back', '01', 5)])).toEqual([{ parent: 'front', child: 'back', timestampMicros: 5 }]);
  });

  it('resolves children that arrived before their parent, stamped with the child start time', () => {
    const calls = run(roomy(), [span('02', 'back', '01', 7), span('03', 'back', '01', 8), span('01', 'front')]);
    expect(calls).toEqual([
      { parent: 'front', child: 'back', timestampMicros: 7 },
      { parent: 'front', child: 'back', timestampMicros: 8 },
    ]);
  });

  it('counts nothing within one service, for FOLLOWS_FROM, or for a parent that never comes', () => {
    const follows: WindowSpan = { ...span('03', 'other'), references: [{ refType: 'FOLLOWS_FROM', traceId: TRACE, spanId: '01' }] };
    expect(run(roomy(), [span('01', 'front'), span('02', 'front', '01'), follows, span('04', 'back', '99')])).toEqual([]);
  });

  it('counts a redelivered span once', () => {
    const window = roomy();
    expect(run(window, [span('01', 'front'), span('02', 'back', '01'), span('02', 'back', '01')])).toHaveLength(1);
  });

  it('agrees with the on-read rule for any arrival order', () => {
    const spans = [span('01', 'a'), span('02', 'b', '01'), span('03', 'c', '02'), span('04', 'c', '02'), span('05', 'a', '04'), span('06', 'b', '01')];
    const expected = dependenciesFromSpans(spans);
    for (let seed = 0; seed < 20; seed++) {
      const shuffled = [...spans].sort((x, y) => ((Number.parseInt(x.spanId, 16) * (seed + 7)) % 11) - ((Number.parseInt(y.spanId, 16) * (seed + 7)) % 11));
      const counts = new Map<string, number>();
      for (const call of run(roomy(), shuffled)) counts.set(`${call.parent}>${call.child}`, (counts.get(`${call.parent}>${call.child}`) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(expected.map((l) => [`${l.parent}>${l.child}`, l.callCount])));
    }
  });

  it('stays within its bounds: forgets the oldest spans and gives up the oldest waiting children', () => {
    const window = new PartitionDependencyWindow({ maxSpans: 3, maxWaitingChildren: 2 });
    run(window, [span('01', 'front'), span('02', 'x'), span('03', 'x'), span('04', 'x')]);
    expect(window.rememberedSpans).toBe(3);
    // 01 was forgotten: its late child counts nothing.
    expect(run(window, [span('05', 'back', '01')])).toEqual([]);
    run(window, [span('06', 'back', 'aa'), span('07', 'back', 'bb'), span('08', 'back', 'cc')]);
    expect(window.waitingChildren).toBeLessThanOrEqual(2);
    // The child waiting for cc is still there; the one waiting for 01 was given up.
    expect(run(window, [span('cc', 'front')])).toEqual([{ parent: 'front', child: 'back', timestampMicros: 1_000 }]);
  });
});
