import { ProtoWriter, WireType } from '@skein/codecs';

const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * `google.rpc.Status` with one `google.rpc.RetryInfo` detail, the value of the `grpc-status-details-bin` trailer.
 * OTLP exporters retry RESOURCE_EXHAUSTED only when the server sends RetryInfo, and wait the delay it names.
 */
export function encodeRetryInfoStatus(code: number, message: string, retryAfterSeconds: number): Buffer {
  const delay = new ProtoWriter(16);
  const seconds = Math.max(0, Math.floor(retryAfterSeconds));
  const nanos = Math.round((Math.max(0, retryAfterSeconds) - seconds) * 1e9);
  // RetryInfo { Duration retry_delay = 1; }  Duration { int64 seconds = 1; int32 nanos = 2; }
  delay.messageField(1);
  if (seconds) delay.tag(1, WireType.VARINT).int64Number(seconds);
  if (nanos) delay.tag(2, WireType.VARINT).int32(nanos);
  delay.ldelim();
  const status = new ProtoWriter(64 + message.length);
  status.tag(1, WireType.VARINT).int32(code).stringField(2, message);
  // Any { string type_url = 1; bytes value = 2; }
  status.messageField(3).stringField(1, RETRY_INFO_TYPE_URL).bytesField(2, delay.finish()).ldelim();
  return Buffer.from(status.finish());
}
