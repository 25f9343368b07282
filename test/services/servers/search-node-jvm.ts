/**
 * JVM options for an embedded Elasticsearch/OpenSearch node: the distribution's own options minus the security
 * manager and bootstrap parts (an embedded node skips the root and bootstrap checks).
 */
export const SEARCH_NODE_JVM_OPTIONS = (prefix: 'opensearch' | 'es'): string[] => [
  '-Xms768m', '-Xmx768m', '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true',
  '-Dfile.encoding=UTF-8', '-Djna.nosys=true', '-XX:-OmitStackTraceInFastThrow', '-Dio.netty.noUnsafe=true',
  '-Dio.netty.noKeySetOptimization=true', '-Dio.netty.recycler.maxCapacityPerThread=0',
  '-Dlog4j.shutdownHookEnabled=false', '-Dlog4j2.disable.jmx=true', '-Djava.locale.providers=SPI,COMPAT',
  `-D${prefix}.set.netty.runtime.available.processors=false`,
];
