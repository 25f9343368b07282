/**
 * @services opensearch, elasticsearch
 */
import { describe, expect, it } from '@jest/globals';
import { buildSpan, hexId, runConformanceSuite } from '@skein/storage/testing';
import { serviceAddress, uniqueName } from '../../../test/jest/service-address.js';
import { spanContentHash } from '@skein/model';
import type { SearchEngineFlavor } from './config.js';
import { spanDocumentId } from './document-ids.js';
import { toSpanDocument } from './span-document.js';
import { disposeTestStorage, openTestStorage } from './testing/test-storage.js';

const engines: Array<[SearchEngineFlavor, string]> = [
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
];

for (const [flavor, env] of engines) {
  runConformanceSuite(
    flavor,
    async () => {
      const storage = await openTestStorage(flavor, serviceAddress(env as 'OPENSEARCH_URL'), uniqueName('skeinconf'), {}, true);
      return {
        storage,
        afterWrite: () => storage.refresh(),
        dispose: () => disposeTestStorage(flavor, serviceAddress(env as 'OPENSEARCH_URL'), storage.config.indexPrefix),
      };
    },
    { slowTestTimeoutMs: 120_000 },
  );
}

describe('trace summaries', () => {
  // Our OpenSearch carries Painless; the Elasticsearch 7.17 built from Maven Central has no lang-painless module,
  // which stands in for a cluster that refuses inline scripts.
  it.each([
    ['opensearch', 'cluster', 'OPENSEARCH_URL'],
    ['elasticsearch', 'whole-traces', 'ELASTICSEARCH_URL'],
  ] as const)('%s computes them from %s', async (flavor, mode, env) => {
    const url = serviceAddress(env);
    const storage = await openTestStorage(flavor, url, uniqueName('skeinsum'));
    try {
      const traceId = hexId(0x5d, 1, 32);
      await storage.createSpanWriter().writeSpans([
        buildSpan(traceId, hexId(0x5d, 1, 16), 1_700_000_000_000_000, { serviceName: 'summarised' }),
        buildSpan(traceId, hexId(0x5d, 2, 16), 1_700_000_000_000_100, {
          serviceName: 'summarised',
          references: [{ refType: 'CHILD_OF', traceId, spanId: hexId(0x5d, 1, 16) }],
        }),
      ]);
      await storage.refresh();
      const [summary] = await storage.createSpanReader().findTraceSummaries({ serviceName: 'summarised' });
      expect(summary).toMatchObject({ traceId, spanCount: 2, orphanSpanCount: 0, maxEndTime: 1_700_000_000_000_100 + 1000 });
      expect(storage.summaryMode).toBe(mode);
    } finally {
      await storage.close();
      await disposeTestStorage(flavor, url, storage.config.indexPrefix);
    }
  });
});

describe('span document ids across the id format change', () => {
  // Spans stored before the time-ordered ids keep their old `<trace>-<span>-<hash>` ids; a redelivery of one of them
  // after the upgrade is a second document, and reads must still show the span once.
  it.each([
    ['opensearch', 'OPENSEARCH_URL'],
    ['elasticsearch', 'ELASTICSEARCH_URL'],
  ] as const)('%s returns a span stored under both id formats once', async (flavor, env) => {
    const url = serviceAddress(env);
    const storage = await openTestStorage(flavor, url, uniqueName('skeinids'));
    try {
      const traceId = hexId(0x1d, 1, 32);
      const span = buildSpan(traceId, hexId(0x1d, 1, 16), 1_700_000_000_000_000, { serviceName: 'upgraded' });
      const other = buildSpan(traceId, hexId(0x1d, 2, 16), 1_700_000_000_000_050, { serviceName: 'upgraded' });
      await storage.createSpanWriter().writeSpans([span, other]);
      const doc = { ...toSpanDocument(span), contentHash: spanContentHash(span) };
      const oldId = `${span.traceId}-${span.spanId}-${doc.contentHash}`;
      expect(oldId).not.toBe(spanDocumentId(span));
      const index = storage.names.writeTarget('span', doc.startTimeMillis);
      const response = await fetch(`${url}/${index}/_doc/${oldId}?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
      expect(response.status).toBe(201);
      await storage.refresh();
      const trace = await storage.createSpanReader().getTrace(traceId);
      expect(trace?.spans.map((s) => s.spanId).sort()).toEqual([span.spanId, other.spanId]);
    } finally {
      await storage.close();
      await disposeTestStorage(flavor, url, storage.config.indexPrefix);
    }
  });
});
