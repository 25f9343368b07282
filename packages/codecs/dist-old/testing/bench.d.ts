/**
 * Benchmark runner for the codec benches. The machines they run on are shared and noisy, so time is the process's
 * CPU time (spans per CPU-second), and every case is timed in slices interleaved with a fixed baseline (JSON.parse
 * of the same spans as JSON text) and reported as a ratio to it too; the ratio is what to compare between runs and
 * machines.
 */
import type { Span } from '@skein/model';
export interface BenchCase {
    name: string;
    spansPerRound: number;
    bytesPerRound: number;
    round: () => void;
    /** Extra fields for the JSON line (payload size, messages…). */
    extra?: Record<string, number>;
}
/** The baseline: parsing the batch as plain JSON text, the cheapest decode a JavaScript process can do. */
export declare function jsonParseBaseline(spans: readonly Span[]): BenchCase;
/** Prints the baseline line, then one line per case; returns each case's spans/s by name. */
export declare function runBenches(baseline: BenchCase, cases: readonly BenchCase[]): Map<string, number>;
//# sourceMappingURL=bench.d.ts.map