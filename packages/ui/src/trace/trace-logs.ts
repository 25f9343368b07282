import type { TraceLogLine } from '../api/types';

export type LogSeverity = 'error' | 'warn' | 'info' | 'debug' | 'other';

const SEVERITIES: ReadonlyArray<[RegExp, LogSeverity]> = [
  [/^(fatal|panic|crit(ical)?|alert|emerg(ency)?|err(or)?|severe)$/, 'error'],
  [/^warn(ing)?$/, 'warn'],
  [/^(info(rmation(al)?)?|notice)$/, 'info'],
  [/^(debug|trace|verbose|fine(st|r)?)$/, 'debug'],
];

/** The colour group of a log level as loggers spell it (`ERROR`, `warning`, `Information`, …). */
export function severityOf(level: string | undefined): LogSeverity {
  const text = (level ?? '').trim().toLowerCase();
  return SEVERITIES.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/** Each span's lines, in the order given (time order, as the API answers them). */
export function linesBySpan(lines: readonly TraceLogLine[]): Map<string, TraceLogLine[]> {
  const bySpan = new Map<string, TraceLogLine[]>();
  for (const line of lines) {
    if (!line.spanID) continue;
    const list = bySpan.get(line.spanID);
    if (list) list.push(line);
    else bySpan.set(line.spanID, [line]);
  }
  return bySpan;
}
