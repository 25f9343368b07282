/** An operation a service serves (`server`), calls (`client`) or does inside itself (`internal`). */
export interface Operation {
  name: string;
  kind: 'server' | 'client' | 'internal';
  /** Median latency of the whole call, in ms. */
  latencyMs: number;
  tags: Record<string, string | number>;
}

interface Service {
  /** The operation others call. */
  entry: Operation;
  /** Services this one calls. */
  calls: readonly ServiceName[];
  /** Name of the in-process work a service with nothing to call does. */
  internal: string;
  /** What its log says when it answers, and when it fails. */
  message: string;
  failure: string;
  language: string;
  subnet: number;
}

export type ServiceName = 'frontend' | 'customer' | 'driver' | 'route' | 'pricing' | 'geo' | 'mysql' | 'redis';

/** HotROD's ride-sharing services and a few more, with the attributes their instrumentation would record. */
export const SERVICES: Readonly<Record<ServiceName, Service>> = {
  frontend: {
    entry: { name: 'HTTP GET /dispatch', kind: 'server', latencyMs: 120, tags: { 'http.method': 'GET', 'http.route': '/dispatch', 'http.status_code': 200, component: 'net/http' } },
    calls: ['customer', 'driver', 'route', 'pricing'],
    internal: 'render response',
    message: 'dispatch request served',
    failure: 'dispatch failed',
    language: 'go',
    subnet: 1,
  },
  customer: {
    entry: { name: 'HTTP GET /customer', kind: 'server', latencyMs: 40, tags: { 'http.method': 'GET', 'http.route': '/customer', 'http.status_code': 200, component: 'net/http' } },
    calls: ['mysql'],
    internal: 'load customer profile',
    message: 'loaded customer',
    failure: 'customer lookup failed',
    language: 'go',
    subnet: 2,
  },
  driver: {
    entry: { name: '/driver.DriverService/FindNearest', kind: 'server', latencyMs: 60, tags: { 'rpc.system': 'grpc', 'rpc.service': 'driver.DriverService', 'rpc.method': 'FindNearest' } },
    calls: ['redis', 'geo'],
    internal: 'rank drivers',
    message: 'found nearby drivers',
    failure: 'no driver available',
    language: 'go',
    subnet: 3,
  },
  route: {
    entry: { name: 'HTTP GET /route', kind: 'server', latencyMs: 30, tags: { 'http.method': 'GET', 'http.route': '/route', 'http.status_code': 200, component: 'net/http' } },
    calls: ['geo'],
    internal: 'compute route',
    message: 'computed route',
    failure: 'route computation timed out',
    language: 'java',
    subnet: 4,
  },
  pricing: {
    entry: { name: 'POST /quote', kind: 'server', latencyMs: 25, tags: { 'http.method': 'POST', 'http.route': '/quote', 'http.status_code': 200 } },
    calls: ['mysql', 'redis'],
    internal: 'apply surge pricing',
    message: 'quoted a price',
    failure: 'pricing rules unavailable',
    language: 'python',
    subnet: 5,
  },
  geo: {
    entry: { name: 'GeoService/Locate', kind: 'server', latencyMs: 8, tags: { 'rpc.system': 'grpc', 'rpc.service': 'GeoService', 'rpc.method': 'Locate' } },
    calls: [],
    internal: 'spatial index lookup',
    message: 'located',
    failure: 'geo index shard unavailable',
    language: 'rust',
    subnet: 6,
  },
  mysql: {
    entry: { name: 'SQL SELECT', kind: 'server', latencyMs: 15, tags: { 'db.system': 'mysql', 'db.statement': 'SELECT * FROM customer WHERE customer_id = ?', 'db.name': 'rides' } },
    calls: [],
    internal: 'execute query',
    message: 'query done',
    failure: 'lock wait timeout exceeded',
    language: 'c++',
    subnet: 7,
  },
  redis: {
    entry: { name: 'GetDriver', kind: 'server', latencyMs: 3, tags: { 'db.system': 'redis', 'db.operation': 'GET' } },
    calls: [],
    internal: 'read key',
    message: 'cache hit',
    failure: 'redis timeout',
    language: 'c',
    subnet: 8,
  },
};
