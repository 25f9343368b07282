import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

const file = new URL('../../../deploy/kibana/skein-saved-objects.ndjson', import.meta.url);

interface SavedObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  references: Array<{ id: string; type: string }>;
}

describe('deploy/kibana saved objects', () => {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const objects = lines.slice(0, -1) as unknown as SavedObject[];

  it('is a Kibana export: objects, then a summary counting them', () => {
    expect(lines.at(-1)).toEqual({ exportedCount: objects.length, missingRefCount: 0, missingReferences: [] });
    expect(objects.map((o) => o.type).sort()).toEqual(['dashboard', 'index-pattern', 'index-pattern', 'search', 'search']);
  });

  it('has span and log data views on date fields that link trace.id to the Skein UI', () => {
    const views = objects.filter((o) => o.type === 'index-pattern');
    expect(views.map((v) => [v.attributes.title, v.attributes.timeFieldName])).toEqual([
      ['*jaeger-span-*', 'startTimeMillis'],
      ['logs-*', '@timestamp'],
    ]);
    for (const view of views) {
      const formats = JSON.parse(String(view.attributes.fieldFormatMap)) as Record<string, { id: string; params: { urlTemplate: string } }>;
      expect(formats['trace.id']?.id).toBe('url');
      expect(formats['trace.id']?.params.urlTemplate).toMatch(/^https?:\/\/[^/]+:16686\/trace\/\{\{value\}\}$/);
    }
  });

  it("holds what Kibana's import checks: known types with migration versions, JSON attributes that parse, panel and index references that resolve", () => {
    const migrations: Record<string, string> = { 'index-pattern': 'index-pattern', search: 'search', dashboard: 'dashboard' };
    for (const object of objects as unknown as Array<SavedObject & { migrationVersion: Record<string, string>; coreMigrationVersion: string }>) {
      expect(Object.keys(object.migrationVersion)).toEqual([migrations[object.type]]);
      expect(object.coreMigrationVersion).toMatch(/^7\.\d+\.\d+$/);
      const refNames = new Set(object.references.map((ref) => (ref as { name?: string }).name));
      const meta = object.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON?: string } | undefined;
      const source = meta?.searchSourceJSON ? (JSON.parse(meta.searchSourceJSON) as { indexRefName?: string; query?: { language: string } }) : undefined;
      if (source?.indexRefName) expect(refNames.has(source.indexRefName)).toBe(true);
      if (object.type === 'search') expect(source?.indexRefName).toBe('kibanaSavedObjectMeta.searchSourceJSON.index');
      if (object.type === 'dashboard') {
        const panels = JSON.parse(String(object.attributes['panelsJSON'])) as Array<{ panelRefName: string; gridData: { w: number; h: number } }>;
        expect(panels.length).toBeGreaterThanOrEqual(2);
        for (const panel of panels) {
          expect(refNames.has(panel.panelRefName)).toBe(true);
          expect(panel.gridData.w).toBeLessThanOrEqual(48);
        }
        JSON.parse(String(object.attributes['optionsJSON']));
      }
    }
    const dashboard = objects.find((o) => o.type === 'dashboard')!;
    expect(dashboard.references.map((ref) => ref.id).sort()).toEqual(['skein-slow-failed-spans', 'skein-trace-logs']);
  });

  it('only references objects it contains', () => {
    const ids = new Set(objects.map((o) => `${o.type}/${o.id}`));
    for (const object of objects) for (const ref of object.references) expect(ids.has(`${ref.type}/${ref.id}`)).toBe(true);
  });
});
