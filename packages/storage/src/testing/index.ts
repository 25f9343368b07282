export { runConformanceSuite, normalizeTrace } from './conformance-suite.js';
export type { StorageUnderTest, ConformanceOptions } from './conformance-suite.js';
export { loadFieldTypesFixture, loadSearchCorpus } from './fixtures.js';
export type { SearchCorpus } from './fixtures.js';
export { buildSpan, buildLargeTrace, hexId } from './span-builders.js';
