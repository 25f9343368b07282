import { decodeOtlpProto, encodeOtlpProto } from './otlp/index.js';
import { benchmarkSpan } from '@skein/model';
const spans = Array.from({ length: 100 }, (_, i) => benchmarkSpan((0xabc000 + (i % 10)).toString(16).padStart(32, '0'), (0x100000 + i).toString(16).padStart(16, '0'), i, 1_718_000_000_000_000 + i * 1000, `req-${i}-${Math.random().toString(36).slice(2)}`));
const bytes = encodeOtlpProto(spans);
console.log('bytes/span', bytes.length / 100);
const ms = Number(process.env.MS ?? 3000);
for (let round = 0; round < 3; round++) {
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    let n = 0;
    while (performance.now() - w0 < ms) {
        decodeOtlpProto(bytes);
        n += 100;
    }
    const c = process.cpuUsage(t0);
    console.log('spans per cpu-s', Math.round(n / ((c.user + c.system) / 1e6)));
}
//# sourceMappingURL=zz-prof.js.map