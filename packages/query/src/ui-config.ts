import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Jaeger UI configuration (`--query.ui-config`): `menu`, `linkPatterns`, `dependencies`, `search`, `tracking`, … */
export type UiConfig = Record<string, unknown>;

/** What the served page is told about the backend, in the shapes Jaeger's query service injects. */
export interface UiPageFacts {
  config: UiConfig | undefined;
  /**
   * Jaeger's storage capabilities (archive, metrics) and Skein's own `traceLogs`: whether the trace page can ask for
   * a trace's log lines. Jaeger's UI ignores keys it does not know.
   */
  capabilities: { archiveStorage: boolean; metricsStorage: boolean; traceLogs: boolean };
  version: { gitCommit: string; gitVersion: string; buildDate: string };
}

/**
 * Reads `--query.ui-config`: a JSON object. Empty path: no configuration (the UI's defaults).
 * @throws Error naming the file and what is wrong with it, so a bad file stops the start, not the browser.
 */
export function loadUiConfig(path: string): UiConfig | undefined {
  if (path === '') return undefined;
  const file = resolve(path);
  if (!/\.json$/i.test(file)) {
    throw new Error(`--query.ui-config ${JSON.stringify(path)}: only JSON files are supported (Jaeger's .js form is not)`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--query.ui-config ${JSON.stringify(path)}: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`--query.ui-config ${JSON.stringify(path)}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--query.ui-config ${JSON.stringify(path)}: must hold a JSON object (e.g. {"menu": [...]})`);
  }
  return parsed as UiConfig;
}

const PLACEHOLDERS = {
  config: /JAEGER_CONFIG *= *DEFAULT_CONFIG;/,
  capabilities: /JAEGER_STORAGE_CAPABILITIES *= *DEFAULT_STORAGE_CAPABILITIES;/,
  version: /JAEGER_VERSION *= *DEFAULT_VERSION;/,
};

/** JSON that cannot close the `<script>` it is written into. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Fills the placeholders a Jaeger UI build (and Skein's) leaves in its `index.html` for the query service: the UI
 * configuration (left alone when none is given, so the UI keeps its defaults), the storage capabilities and the
 * version, each replaced once, as Jaeger's query service does.
 */
export function injectUiFacts(html: string, facts: UiPageFacts): string {
  let out = html;
  if (facts.config !== undefined) out = out.replace(PLACEHOLDERS.config, () => `JAEGER_CONFIG = ${scriptJson(facts.config)};`);
  out = out.replace(PLACEHOLDERS.capabilities, () => `JAEGER_STORAGE_CAPABILITIES = ${scriptJson(facts.capabilities)};`);
  return out.replace(PLACEHOLDERS.version, () => `JAEGER_VERSION = ${scriptJson(facts.version)};`);
}
