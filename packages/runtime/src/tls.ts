import { readFileSync } from 'node:fs';
import { option } from './option.js';
import { parseBoolean } from './parsers.js';

/** `--<prefix>.tls.enabled|cert|key|client-ca`, as Jaeger names a server's TLS flags. */
export function tlsServerOptions(prefix: string, what: string) {
  return {
    enabled: option({ flag: `${prefix}.tls.enabled`, description: `Serve ${what} over TLS`, parse: parseBoolean, defaultValue: false }),
    cert: option({ flag: `${prefix}.tls.cert`, description: `PEM certificate file for ${what}`, parse: String, defaultValue: '', valueName: '<path>' }),
    key: option({ flag: `${prefix}.tls.key`, description: `PEM private key file for ${what}`, parse: String, defaultValue: '', valueName: '<path>' }),
    clientCa: option({
      flag: `${prefix}.tls.client-ca`,
      description: `PEM CA file; when set, ${what} requires client certificates signed by it (mTLS)`,
      parse: String,
      defaultValue: '',
      valueName: '<path>',
    }),
  };
}

export interface TlsSettings {
  enabled: boolean;
  cert: string;
  key: string;
  clientCa: string;
}

/** A server's TLS material, read once at start. `clientCa` set means clients must present a certificate (mTLS). */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  clientCa?: Buffer;
}

/**
 * Reads the files of `tlsServerOptions`, or undefined when TLS is off.
 * @throws Error naming the flag (`--<prefix>.tls.cert`, …) whose file is missing or unreadable.
 */
export function readTlsMaterial(settings: TlsSettings, prefix: string): TlsMaterial | undefined {
  if (!settings.enabled) return undefined;
  if (!settings.cert || !settings.key) throw new Error(`--${prefix}.tls.enabled needs --${prefix}.tls.cert and --${prefix}.tls.key`);
  const read = (path: string, flag: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`--${prefix}.tls.${flag}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  return {
    cert: read(settings.cert, 'cert'),
    key: read(settings.key, 'key'),
    ...(settings.clientCa ? { clientCa: read(settings.clientCa, 'client-ca') } : {}),
  };
}

/** Node's `https`/`tls` server options for the material: mTLS when a client CA is given. */
export function httpsServerOptions(material: TlsMaterial): { cert: Buffer; key: Buffer; ca?: Buffer; requestCert?: boolean; rejectUnauthorized?: boolean } {
  return {
    cert: material.cert,
    key: material.key,
    ...(material.clientCa ? { ca: material.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
  };
}
