/**
 * A payload that cannot be decoded. Carries the format, the byte offset (when known) and the field path, so a
 * receiver can answer with a message that tells the sender what is wrong.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    readonly format: string,
    readonly detail: string,
    readonly location: { offset?: number; field?: string } = {},
  ) {
    const where = [
      location.field !== undefined ? `field ${location.field}` : undefined,
      location.offset !== undefined ? `at byte ${location.offset}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${format}: ${detail}${where ? ` (${where})` : ''}`);
  }
}
