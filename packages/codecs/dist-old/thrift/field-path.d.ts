/**
 * Rethrows a DecodeError raised inside `segment` with the segment prepended to its field path, so the outermost
 * error reads e.g. `spans[3].tags[0].vStr`. Other errors pass through unchanged.
 */
export declare function inField(error: unknown, segment: string): unknown;
//# sourceMappingURL=field-path.d.ts.map