/**
 * The critical path of big traces, as the trace page computes it when the path is switched on: a random tree of
 * 100,000 and 1,000,000 spans (each inside its parent's time), against building the same tree's children lists
 * alone in the same run. Prints one JSON line per size. Run by `npm run bench -w @skein/ui`.
 */
import { criticalPath } from './critical-path';

function randomTree(count: number) {
  const parents = new Int32Array(count);
  const starts = new Float64Array(count);
  const durations = new Float64Array(count);
  parents[0] = -1;
  durations[0] = 1e9;
  for (let i = 1; i < count; i++) {
    const parent = Math.floor(Math.random() * i);
    parents[i] = parent;
    starts[i] = starts[parent]! + Math.random() * durations[parent]! * 0.5;
    durations[i] = durations[parent]! * 0.5 * Math.random();
  }
  return { count, parents, starts, durations };
}

/** The floor any path computation pays: counting each span's children. */
function childCounts(tree: ReturnType<typeof randomTree>): Int32Array {
  const counts = new Int32Array(tree.count);
  for (let i = 0; i < tree.count; i++) if (tree.parents[i]! >= 0) counts[tree.parents[i]!]!++;
  return counts;
}

const best = (runs: number, work: () => unknown): number => {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
};

for (const count of [100_000, 1_000_000]) {
  const tree = randomTree(count);
  const pathMs = best(5, () => criticalPath(tree));
  const baselineMs = best(5, () => childCounts(tree));
  const spansOnPath = criticalPath(tree).segments.size;
  process.stdout.write(`${JSON.stringify({ bench: 'critical-path', spans: count, ms: Number(pathMs.toFixed(1)), baselineChildCountsMs: Number(baselineMs.toFixed(1)), ratio: Number((pathMs / baselineMs).toFixed(1)), spansOnPath })}\n`);
}
