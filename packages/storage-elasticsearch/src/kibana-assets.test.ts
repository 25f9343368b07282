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
    expect(objects.map((o) => o.type).sort()).toEqual(['index-pattern', 'index-pattern', 'search', 'search']);
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

  it('only references objects it contains', () => {
    const ids = new Set(objects.map((o) => `${o.type}/${o.id}`));
    for (const object of objects) for (const ref of object.references) expect(ids.has(`${ref.type}/${ref.id}`)).toBe(true);
  });
});
