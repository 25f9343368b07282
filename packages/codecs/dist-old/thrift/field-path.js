import { DecodeError } from '../errors.js';
/**
 * Rethrows a DecodeError raised inside `segment` with the segment prepended to its field path, so the outermost
 * error reads e.g. `spans[3].tags[0].vStr`. Other errors pass through unchanged.
 */
export function inField(error, segment) {
    if (!(error instanceof DecodeError))
        return error;
    const inner = error.location.field;
    const field = inner === undefined ? segment : inner.startsWith('[') ? segment + inner : `${segment}.${inner}`;
    return new DecodeError(error.format, error.detail, { ...error.location, field });
}
//# sourceMappingURL=field-path.js.map