import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servicesDeclaredBy } from '../jest/selected-tests.js';
import { up } from './manager.js';
import { parseServiceNames } from './registry.js';

describe('test services: a missing server fails loudly', () => {
  const saved = process.env['KAFKA_BROKERS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['KAFKA_BROKERS'];
    else process.env['KAFKA_BROKERS'] = saved;
  });

  it('rejects when the environment names a server that does not answer', async () => {
    process.env['KAFKA_BROKERS'] = '127.0.0.1:1';
    await expect(up(['kafka'])).rejects.toThrow('KAFKA_BROKERS=127.0.0.1:1 is set, but kafka there does not answer');
  });

  it('refuses unknown server names instead of ignoring them', () => {
    expect(() => parseServiceNames(['kafka', 'mysql'])).toThrow('unknown server "mysql"');
    expect(parseServiceNames([])).toEqual(['kafka', 'cassandra', 'opensearch', 'elasticsearch']);
    expect(parseServiceNames(['elasticsearch', 'kafka'])).toEqual(['kafka', 'elasticsearch']);
  });

  it('reads @services from a test docblock and refuses a typo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skein-services-'));
    const good = join(dir, 'a.int.test.ts');
    writeFileSync(good, '/**\n * @services kafka, opensearch\n */\n');
    expect(servicesDeclaredBy(good)).toEqual(['kafka', 'opensearch']);
    const typo = join(dir, 'b.int.test.ts');
    writeFileSync(typo, '/**\n * @services kafak\n */\n');
    expect(() => servicesDeclaredBy(typo)).toThrow('@services names unknown server "kafak"');
    const none = join(dir, 'c.int.test.ts');
    writeFileSync(none, 'export {};\n');
    expect(servicesDeclaredBy(none)).toEqual([]);
  });
});
