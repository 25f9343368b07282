const SLICES = 5;
const totalMs = Number(process.env.BENCH_MS ?? 1500);
/** The baseline: parsing the batch as plain JSON text, the cheapest decode a JavaScript process can do. */
export function jsonParseBaseline(spans) {
    const text = JSON.stringify(spans, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    return { name: 'baseline JSON.parse', spansPerRound: spans.length, bytesPerRound: text.length, round: () => JSON.parse(text) };
}
/** CPU time of this process in ms: unlike wall time, it does not count the time other processes hold the cores. */
function cpuMs() {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
}
function spansPerSecond(benchCase, ms) {
    let rounds = 0;
    const start = cpuMs();
    let elapsed = 0;
    while (elapsed < ms) {
        for (let i = 0; i < 5; i++)
            benchCase.round();
        rounds += 5;
        elapsed = cpuMs() - start;
    }
    return (rounds * benchCase.spansPerRound) / (elapsed / 1000);
}
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
}
function warmUp(benchCase) {
    for (let i = 0; i < 20; i++)
        benchCase.round();
}
/** Prints the baseline line, then one line per case; returns each case's spans/s by name. */
export function runBenches(baseline, cases) {
    warmUp(baseline);
    const baselineRates = [];
    const results = [];
    for (const benchCase of cases) {
        warmUp(benchCase);
        const rates = [];
        const ratios = [];
        for (let slice = 0; slice < SLICES; slice++) {
            const baselineRate = spansPerSecond(baseline, totalMs / SLICES / 2);
            const rate = spansPerSecond(benchCase, totalMs / SLICES);
            baselineRates.push(baselineRate);
            rates.push(rate);
            ratios.push(rate / baselineRate);
        }
        results.push({ benchCase, rate: median(rates), ratio: median(ratios) });
    }
    const baselineRate = median(baselineRates);
    console.log(JSON.stringify({ bench: baseline.name, spansPerSec: Math.round(baselineRate), ratioToBaseline: 1 }));
    const rates = new Map();
    for (const { benchCase, rate, ratio } of results) {
        const MBPerSec = Math.round(((rate / benchCase.spansPerRound) * benchCase.bytesPerRound) / 1e5) / 10;
        const line = { bench: benchCase.name, spansPerSec: Math.round(rate), ratioToBaseline: Math.round(ratio * 100) / 100, MBPerSec };
        console.log(JSON.stringify({ ...line, ...benchCase.extra }));
        rates.set(benchCase.name, rate);
    }
    return rates;
}
//# sourceMappingURL=bench.js.map