import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from './testing/fixtures.js';
import { injectUiFacts, loadUiConfig } from './ui-config.js';

/** A stand-in for a Jaeger UI build: the statements Jaeger's UI leaves for its query service to fill. */
const STAND_IN = `<!doctype html><html><head><base href="/"><script>
  function getJaegerUiConfig() { const DEFAULT_CONFIG = {}; const JAEGER_CONFIG = DEFAULT_CONFIG; return JAEGER_CONFIG; }
  function getJaegerStorageCapabilities() { const DEFAULT_STORAGE_CAPABILITIES = {}; const JAEGER_STORAGE_CAPABILITIES = DEFAULT_STORAGE_CAPABILITIES; return JAEGER_STORAGE_CAPABILITIES; }
  function getJaegerVersion() { const DEFAULT_VERSION = {}; const JAEGER_VERSION = DEFAULT_VERSION; return JAEGER_VERSION; }
</script></head><body>stand-in</body></html>`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'skein-ui-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadUiConfig', () => {
  it('reads a JSON object, and nothing for an empty path', () => {
    const file = join(dir, 'ui.json');
    writeFileSync(file, JSON.stringify({ menu: [{ label: 'Kibana', url: 'https://kibana.example' }], search: { maxLimit: 500 } }));
    expect(loadUiConfig(file)).toEqual({ menu: [{ label: 'Kibana', url: 'https://kibana.example' }], search: { maxLimit: 500 } });
    expect(loadUiConfig('')).toBeUndefined();
  });

  it('names the file and the problem: missing, not JSON, not an object, a .js file', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"menu": [');
    const list = join(dir, 'list.json');
    writeFileSync(list, '[1]');
    expect(() => loadUiConfig(join(dir, 'missing.json'))).toThrow(/--query\.ui-config ".*missing\.json": cannot read/);
    expect(() => loadUiConfig(bad)).toThrow(/--query\.ui-config ".*bad\.json": not valid JSON/);
    expect(() => loadUiConfig(list)).toThrow(/must hold a JSON object/);
    expect(() => loadUiConfig(join(dir, 'ui.js'))).toThrow(/only JSON files are supported/);
  });
});

describe('injectUiFacts', () => {
  const facts = { config: { menu: [{ label: '</script><script>alert(1)</script>', url: '/x' }] }, capabilities: { archiveStorage: false, metricsStorage: false, traceLogs: false }, version: { gitCommit: '', gitVersion: 'skein-0.1.0', buildDate: '' } };

  it('fills the configuration, capabilities and version, and cannot be made to close the script', () => {
    const html = injectUiFacts(STAND_IN, facts);
    expect(html).toContain('const JAEGER_CONFIG = {"menu":[{"label":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>","url":"/x"}]};');
    expect(html).toContain('const JAEGER_STORAGE_CAPABILITIES = {"archiveStorage":false,"metricsStorage":false,"traceLogs":false};');
    expect(html).toContain('const JAEGER_VERSION = {"gitCommit":"","gitVersion":"skein-0.1.0","buildDate":""};');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('leaves the configuration placeholder alone without a configuration, so the UI keeps its defaults', () => {
    const html = injectUiFacts(STAND_IN, { ...facts, config: undefined });
    expect(html).toContain('const JAEGER_CONFIG = DEFAULT_CONFIG;');
    expect(html).toContain('JAEGER_STORAGE_CAPABILITIES = {"archiveStorage":false');
  });
});

describe('a served Jaeger UI build', () => {
  let api: TestServer;
  beforeAll(async () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), STAND_IN);
    api = await startTestServer({ staticFilesDir: dist, basePath: '/jaeger', uiConfig: { dependencies: { menuEnabled: true } } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('gets the configuration, capabilities, version and base path on every page', async () => {
    for (const path of ['/jaeger/', '/jaeger/search', '/jaeger/trace/abc']) {
      const res = await api.get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<base href="/jaeger/"');
      expect(res.text).toContain('const JAEGER_CONFIG = {"dependencies":{"menuEnabled":true}};');
      expect(res.text).toContain('const JAEGER_STORAGE_CAPABILITIES = {"archiveStorage":false,"metricsStorage":false,"traceLogs":false};');
      expect(res.text).toMatch(/const JAEGER_VERSION = \{"gitCommit":"","gitVersion":"skein-[^"]+","buildDate":""\};/);
    }
  });
});
