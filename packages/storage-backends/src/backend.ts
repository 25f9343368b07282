import type { Option } from '@skein/runtime';
import type { StorageFactory } from '@skein/storage';

/**
 * One span store as an operator selects it with `SPAN_STORAGE_TYPE`: the options it reads (listed in every
 * command's `--help`) and how to open it from their loaded values.
 */
export interface StorageBackend {
  /** The `SPAN_STORAGE_TYPE` value, e.g. `sqlite`. */
  readonly name: string;
  readonly summary: string;
  readonly options: Record<string, Option<unknown>>;
  /** `values` holds the loaded options of the command, keyed like `options`. */
  open(values: Readonly<Record<string, unknown>>): Promise<StorageFactory>;
}
