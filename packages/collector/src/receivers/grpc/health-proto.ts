import { protoReader, ProtoWriter, WireType } from '@skein/codecs';

/** `grpc.health.v1.HealthCheckResponse.ServingStatus`. */
export type HealthStatus = 'SERVING' | 'NOT_SERVING';

const STATUS_NUMBER: Record<HealthStatus, number> = { SERVING: 1, NOT_SERVING: 2 };

/** `HealthCheckRequest { string service = 1; }` */
export function decodeHealthCheckRequest(bytes: Uint8Array): { service: string } {
  const r = protoReader(bytes, 'grpc.health.v1.HealthCheckRequest');
  let service = '';
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, WireType.LENGTH_DELIMITED);
      service = r.string();
    } else r.skip(tag & 7);
  }
  return { service };
}

/** `HealthCheckResponse { ServingStatus status = 1; }` */
export function encodeHealthCheckResponse(status: HealthStatus): Uint8Array {
  return new ProtoWriter(8).tag(1, WireType.VARINT).int32(STATUS_NUMBER[status]).finish();
}

export function decodeHealthCheckResponse(bytes: Uint8Array): HealthStatus | 'UNKNOWN' {
  const r = protoReader(bytes, 'grpc.health.v1.HealthCheckResponse');
  let status = 0;
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === 1 && (tag & 7) === WireType.VARINT) status = r.int32();
    else r.skip(tag & 7);
  }
  return status === 1 ? 'SERVING' : status === 2 ? 'NOT_SERVING' : 'UNKNOWN';
}
