/** Cluster health at least yellow, as Elasticsearch and OpenSearch report it. */
export async function probeClusterHealth(url: string, expectedDistribution: 'opensearch' | 'elasticsearch'): Promise<void> {
  const root = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!root.ok) throw new Error(`GET ${url}/ answered ${root.status}`);
  const info = (await root.json()) as { version?: { number?: string; distribution?: string } };
  const distribution = info.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
  if (distribution !== expectedDistribution) {
    throw new Error(`${url} is ${distribution} ${info.version?.number ?? '?'}, expected ${expectedDistribution}`);
  }
  const health = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=2s`, { signal: AbortSignal.timeout(5000) });
  if (!health.ok) throw new Error(`cluster health at ${url} answered ${health.status}: ${await health.text()}`);
}
