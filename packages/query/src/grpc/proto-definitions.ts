import { fileURLToPath } from 'node:url';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';

/** `packages/query/proto`, from `src/grpc` and from `dist/grpc` alike. */
export const PROTO_DIR = fileURLToPath(new URL('../../proto', import.meta.url));

export const QUERY_PROTO_FILES = ['jaeger/api_v2/query.proto', 'jaeger/api_v3/query_service.proto'];

export const API_V2_SERVICE = 'jaeger.api_v2.QueryService';
export const API_V3_SERVICE = 'jaeger.api_v3.QueryService';

let loaded: PackageDefinition | undefined;
let described: PackageDefinition | undefined;

/**
 * The query services' definitions, read once. Requests decode to plain objects: int64/uint64 as decimal strings,
 * enums as names, absent scalars as their defaults, absent messages as null.
 */
export function queryPackageDefinition(): PackageDefinition {
  loaded ??= loadSync(QUERY_PROTO_FILES, {
    includeDirs: [PROTO_DIR],
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return loaded;
}

/** The same files with the field names as written (`trace_id`), for server reflection to describe. */
export function reflectionPackageDefinition(): PackageDefinition {
  described ??= loadSync(QUERY_PROTO_FILES, { includeDirs: [PROTO_DIR], keepCase: true });
  return described;
}
