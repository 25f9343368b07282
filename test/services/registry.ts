export const SERVICE_NAMES = ['kafka', 'opensearch', 'elasticsearch', 'cassandra'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
