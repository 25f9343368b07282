import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away CA with a server certificate for localhost/127.0.0.1 and a client certificate, made by `openssl`. */
export interface TestCertificates {
  dir: string;
  /** Path of a file in the directory: `ca.crt`, `server.crt`, `server.key`, `client.crt`, `client.key`. */
  file(name: string): string;
  remove(): void;
}

export function issueTestCertificates(prefix: string): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const issue = (name: string, extensions: string): void => {
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(file(`${name}.ext`), extensions);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=skein-test-ca');
  issue('server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  issue('client', 'extendedKeyUsage=clientAuth\n');
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
