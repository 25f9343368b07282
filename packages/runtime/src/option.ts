/**
 * One configuration option, named the way Jaeger names it: a dotted flag (`--admin.http.host-port`) whose
 * environment variable is the flag upper-cased with dots and dashes turned into underscores
 * (`ADMIN_HTTP_HOST_PORT`), unless the option names Jaeger's own variable (e.g. `SPAN_STORAGE_TYPE`).
 */
export interface Option<T> {
  readonly flag: string;
  readonly env: string;
  readonly description: string;
  /** The value when neither flag nor env gives one; `undefined` makes the option required. */
  readonly defaultValue: T | undefined;
  /** Turns the raw text into a value, or throws an Error whose message says what a valid value looks like. */
  readonly parse: (raw: string) => T;
  /** The placeholder shown in help, e.g. `<host:port>`. */
  readonly valueName: string;
}

export function envNameOf(flag: string): string {
  return flag.replace(/[.-]/g, '_').toUpperCase();
}

export function option<T>(spec: {
  flag: string;
  description: string;
  parse: (raw: string) => T;
  defaultValue?: T;
  env?: string;
  valueName?: string;
}): Option<T> {
  return {
    flag: spec.flag,
    env: spec.env ?? envNameOf(spec.flag),
    description: spec.description,
    defaultValue: spec.defaultValue,
    parse: spec.parse,
    valueName: spec.valueName ?? '<value>',
  };
}
