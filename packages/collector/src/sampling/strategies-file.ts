/**
 * Reads Jaeger's sampling strategies file (`--sampling.strategies-file`):
 *
 * ```json
 * {"default_strategy": {"type": "probabilistic", "param": 0.5, "operation_strategies": [...]},
 *  "service_strategies": [{"service": "foo", "type": "ratelimiting", "param": 10, "operation_strategies": [...]}]}
 * ```
 *
 * Files Jaeger accepts load here too. What Jaeger merely logs (an unknown `type`, a rate-limiting operation
 * strategy, unknown keys) becomes a warning; what cannot mean anything (bad JSON, a `param` that is not a number,
 * a probability outside 0..1) is a {@link StrategiesFileError} listing every problem with its JSON path.
 */

export type StrategyKind = 'probabilistic' | 'ratelimiting' | 'unknown';

export interface StrategySpec {
  kind: StrategyKind;
  /** Probability (probabilistic) or traces per second (ratelimiting); 0 when absent, as Jaeger reads it. */
  param: number;
}

export interface OperationStrategySpec extends StrategySpec {
  operation: string;
}

export interface ServiceStrategySpec extends StrategySpec {
  operationStrategies: OperationStrategySpec[];
}

export interface NamedServiceStrategySpec extends ServiceStrategySpec {
  service: string;
}

export interface StrategiesFile {
  defaultStrategy?: ServiceStrategySpec;
  serviceStrategies: NamedServiceStrategySpec[];
}

export interface ParsedStrategiesFile {
  /** `null` when the file is the JSON literal `null`, which Jaeger treats as "use the defaults". */
  file: StrategiesFile | null;
  warnings: string[];
}

export class StrategiesFileError extends Error {
  override readonly name = 'StrategiesFileError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`sampling strategies file ${source}: ${problems.join('; ')}`);
  }
}

const INT32_MAX = 2 ** 31 - 1;
const STRATEGY_KEYS = ['type', 'param'];
const SERVICE_KEYS = [...STRATEGY_KEYS, 'operation_strategies'];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}

class Checker {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  unknownKeys(path: string, value: JsonObject, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.warnings.push(`${path}: unknown key "${key.slice(0, 64)}" is ignored (known: ${known.join(', ')})`);
    }
  }

  strategy(path: string, value: JsonObject): StrategySpec {
    const rawType = value.type;
    let kind: StrategyKind = 'unknown';
    if (rawType === 'probabilistic' || rawType === 'ratelimiting') kind = rawType;
    else if (rawType === undefined || rawType === null || typeof rawType === 'string') {
      this.warnings.push(`${path}.type: ${rawType === undefined || rawType === null ? 'missing' : `"${rawType.slice(0, 40)}" is not "probabilistic" or "ratelimiting"`}; the default probabilistic strategy applies, as in Jaeger`);
    } else this.problems.push(`${path}.type must be "probabilistic" or "ratelimiting", got ${describe(rawType)}`);

    const rawParam = value.param ?? 0;
    if (typeof rawParam !== 'number' || !Number.isFinite(rawParam)) {
      this.problems.push(`${path}.param must be a number, got ${describe(rawParam)}`);
      return { kind, param: 0 };
    }
    if (kind === 'probabilistic' && (rawParam < 0 || rawParam > 1)) {
      this.problems.push(`${path}.param ${rawParam} is not a probability from 0 to 1`);
    }
    if (kind === 'ratelimiting' && (rawParam < 0 || rawParam > INT32_MAX)) {
      this.problems.push(`${path}.param ${rawParam} is not a traces-per-second rate from 0 to ${INT32_MAX}`);
    }
    // Jaeger converts a rate-limiting param to int32 by truncation.
    return { kind, param: kind === 'ratelimiting' ? Math.trunc(rawParam) : rawParam };
  }

  operations(path: string, value: unknown): OperationStrategySpec[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problems.push(`${path} must be an array, got ${describe(value)}`);
      return [];
    }
    const result: OperationStrategySpec[] = [];
    value.forEach((entry: unknown, index) => {
      const at = `${path}[${index}]`;
      if (!isObject(entry)) {
        this.problems.push(`${at} must be an object, got ${describe(entry)}`);
        return;
      }
      this.unknownKeys(at, entry, ['operation', ...STRATEGY_KEYS]);
      if (typeof entry.operation !== 'string') {
        this.problems.push(`${at}.operation must be a string, got ${describe(entry.operation)}`);
        return;
      }
      const spec = this.strategy(at, entry);
      if (spec.kind === 'ratelimiting') {
        this.warnings.push(`${at}: operation "${entry.operation.slice(0, 64)}" is ratelimiting, but operation strategies can only be probabilistic; it is skipped, as in Jaeger`);
      }
      result.push({ operation: entry.operation, ...spec });
    });
    return result;
  }

  service(path: string, value: JsonObject): ServiceStrategySpec {
    return { ...this.strategy(path, value), operationStrategies: this.operations(`${path}.operation_strategies`, value.operation_strategies) };
  }
}

/** Parses the text of a strategies file. `source` (the path) goes into every error message. */
export function parseStrategiesFile(text: string, source: string): ParsedStrategiesFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new StrategiesFileError(source, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (root === null) return { file: null, warnings: [] };
  if (!isObject(root)) throw new StrategiesFileError(source, [`the top level must be an object, got ${describe(root)}`]);

  const check = new Checker();
  check.unknownKeys('$', root, ['default_strategy', 'service_strategies']);
  const file: StrategiesFile = { serviceStrategies: [] };

  const rawDefault = root.default_strategy;
  if (isObject(rawDefault)) {
    check.unknownKeys('$.default_strategy', rawDefault, SERVICE_KEYS);
    file.defaultStrategy = check.service('$.default_strategy', rawDefault);
  } else if (rawDefault !== undefined && rawDefault !== null) {
    check.problems.push(`$.default_strategy must be an object, got ${describe(rawDefault)}`);
  }

  const rawServices = root.service_strategies;
  if (Array.isArray(rawServices)) {
    const seen = new Set<string>();
    rawServices.forEach((entry: unknown, index) => {
      const at = `$.service_strategies[${index}]`;
      if (!isObject(entry)) {
        check.problems.push(`${at} must be an object, got ${describe(entry)}`);
        return;
      }
      check.unknownKeys(at, entry, ['service', ...SERVICE_KEYS]);
      if (typeof entry.service !== 'string' || entry.service === '') {
        check.problems.push(`${at}.service must be a non-empty string, got ${describe(entry.service)}`);
        return;
      }
      if (seen.has(entry.service)) check.warnings.push(`${at}: service "${entry.service.slice(0, 64)}" appears more than once; the last entry wins, as in Jaeger`);
      seen.add(entry.service);
      file.serviceStrategies.push({ service: entry.service, ...check.service(at, entry) });
    });
  } else if (rawServices !== undefined && rawServices !== null) {
    check.problems.push(`$.service_strategies must be an array, got ${describe(rawServices)}`);
  }

  if (check.problems.length > 0) throw new StrategiesFileError(source, check.problems);
  return { file, warnings: check.warnings };
}
