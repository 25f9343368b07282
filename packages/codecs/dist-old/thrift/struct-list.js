import { inField } from './field-path.js';
import { TType } from './types.js';
/**
 * Reads a `list<struct>` (header included) with `readItem` per element. A list of another element type is
 * skipped and reads as empty, as Thrift does for a field of the wrong type. Errors name the element: `[3].key`.
 */
export function readStructList(r, readItem) {
    const count = r.readListBegin();
    const items = [];
    if (r.elemType !== TType.STRUCT) {
        for (let i = 0; i < count; i++)
            r.skip(r.elemType);
    }
    else {
        let index = 0;
        try {
            for (; index < count; index++)
                items.push(readItem(r));
        }
        catch (e) {
            throw inField(e, `[${index}]`);
        }
    }
    r.readListEnd();
    return items;
}
//# sourceMappingURL=struct-list.js.map