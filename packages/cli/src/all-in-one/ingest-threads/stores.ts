/** The stores the all-in-one's ingest threads can feed (a module of its own: the options load it before any thread code). */
export const INGEST_THREAD_STORES = ['memory', 'sqlite'] as const;
