import type { SpanCodec } from './codec.js';

/**
 * Every wire format Skein reads, by name. Adding a format is one folder plus one line here.
 */
export const codecs: ReadonlyMap<string, SpanCodec> = new Map<string, SpanCodec>([
  // registrations: one line per format, e.g. [jaegerThriftCompact.name, jaegerThriftCompact],
]);

export function codecByName(name: string): SpanCodec {
  const codec = codecs.get(name);
  if (!codec) throw new Error(`unknown span format "${name}" (known: ${[...codecs.keys()].join(', ')})`);
  return codec;
}
