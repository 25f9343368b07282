import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';

export interface GrpcTlsOptions {
  enabled: boolean;
  /** PEM certificate (chain) file. */
  certPath: string;
  /** PEM private key file. */
  keyPath: string;
  /** PEM CA bundle; when set, clients must present a certificate it signed (mTLS). */
  clientCaPath: string;
}

export const TLS_DISABLED: GrpcTlsOptions = { enabled: false, certPath: '', keyPath: '', clientCaPath: '' };

function readPem(path: string, what: string, flagPrefix: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${flagPrefix}: cannot read the ${what} file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Server credentials from the TLS options; `flagPrefix` (e.g. `--collector.grpc.tls`) names them in errors. */
export function serverCredentials(tls: GrpcTlsOptions, flagPrefix: string): ServerCredentials {
  if (!tls.enabled) return ServerCredentials.createInsecure();
  if (!tls.certPath || !tls.keyPath) throw new Error(`${flagPrefix}.enabled is set, so ${flagPrefix}.cert and ${flagPrefix}.key are required`);
  const pair = { cert_chain: readPem(tls.certPath, 'certificate', flagPrefix), private_key: readPem(tls.keyPath, 'private key', flagPrefix) };
  const clientCa = tls.clientCaPath ? readPem(tls.clientCaPath, 'client CA', flagPrefix) : null;
  try {
    return ServerCredentials.createSsl(clientCa, [pair], clientCa !== null);
  } catch (error) {
    throw new Error(`${flagPrefix}: invalid TLS material: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
