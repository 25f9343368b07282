import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { DecodeError, type SpanCodec } from '@skein/codecs';
import { RateLimitedLog, type HostPort, type Logger } from '@skein/runtime';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IngestResult, SpanIngest } from '../../ingest/span-ingest.js';
import type { CollectorMetrics } from '../../metrics.js';
import type { Receiver } from '../receiver.js';
import { BodyError, readBody, type BodyLimits } from './body.js';
import type { BodyBudget } from './body-budget.js';
import type { DecodeOffload } from './decode-offload.js';
import { httpFailureOf, type HttpFailure } from './failures.js';

export interface TlsFiles {
  certPath: string;
  keyPath: string;
  /** When set, clients must present a certificate signed by this CA. */
  clientCaPath?: string;
}

export interface HttpReceiverOptions {
  name: string;
  hostPort: HostPort;
  tls?: TlsFiles;
  limits: BodyLimits;
  /** Shared by every HTTP receiver of the process: the request bytes read and decoded at once. */
  budget?: BodyBudget;
  /** Decodes large JSON bodies in a worker thread; without it everything is decoded on the event loop. */
  offload?: DecodeOffload;
  ingest: SpanIngest;
  metrics: CollectorMetrics;
  logger: Logger;
  /** Header carrying the tenant (`--multi-tenancy.header`). */
  tenantHeader: string;
}

/** What a route needs to turn a request into spans and answer failures uniformly. */
export interface ReceiverTools {
  /** Reads, decompresses, decodes and submits the body; throws what {@link httpFailureOf} maps. */
  ingestBody(request: FastifyRequest, codec: SpanCodec): Promise<IngestResult>;
  /** Counts, logs (rate-limited) and returns the failure, for the route to answer in its own format. */
  recordFailure(request: FastifyRequest, error: unknown): HttpFailure;
  /** Counts and logs a refusal decided by the route itself (e.g. wrong content type). */
  recordRefusal(request: FastifyRequest, failure: HttpFailure): HttpFailure;
  /** Sets status and Retry-After. */
  applyFailure(reply: FastifyReply, failure: HttpFailure): FastifyReply;
}

/**
 * One Fastify server on one port. Bodies are never parsed by Fastify: every content type reaches the route as a
 * stream, and {@link readBody} enforces the size limits (before and after decompression).
 */
export class HttpReceiver implements Receiver {
  readonly name: string;
  private readonly app: FastifyInstance;
  private bound: { host: string; port: number } | undefined;
  private shuttingDown = false;
  private readonly badInputLog: RateLimitedLog;

  constructor(
    private readonly options: HttpReceiverOptions,
    registerRoutes: (app: FastifyInstance, tools: ReceiverTools) => void,
  ) {
    this.name = options.name;
    this.badInputLog = new RateLimitedLog(options.logger.child({ receiver: options.name }), 10, 60_000);
    this.app = Fastify({
      logger: false,
      bodyLimit: options.limits.maxBytes,
      // Clients batch; keep-alive connections are the norm. Bound how long a slow client may hold one.
      requestTimeout: 60_000,
      // Requests that arrive while closing get the receiver's own shutting-down answer (503, Retry-After, the
      // protocol's body), not Fastify's bare 503; only idle keep-alive connections are closed, never in-flight ones.
      return503OnClosing: false,
      forceCloseConnections: 'idle',
      ...(options.tls ? { https: httpsOptions(options.tls) } : {}),
    } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const tools = this.tools();
    this.app.addHook('onSend', async (_request, reply) => {
      if (this.shuttingDown) void reply.header('connection', 'close');
    });
    this.app.setErrorHandler((error, request, reply) => {
      // Fastify's own refusals (malformed Content-Type header, …) and anything a route let escape.
      const status = (error as { statusCode?: number }).statusCode;
      const failure = status && status >= 400 && status < 500
        ? tools.recordRefusal(request, { status, reason: 'bad-request', message: (error as Error).message, clientFault: true })
        : tools.recordFailure(request, error);
      void tools.applyFailure(reply, failure).type('text/plain; charset=utf-8').send(`${failure.message}\n`);
    });
    this.app.setNotFoundHandler((request, reply) => {
      void reply.code(404).type('text/plain; charset=utf-8').send(`no route ${request.method} ${request.url.split('?')[0]} on the ${options.name} receiver\n`);
    });
    registerRoutes(this.app, tools);
  }

  /** The Fastify instance, so other components (the sampling route) can add routes before start. */
  get server(): FastifyInstance {
    return this.app;
  }

  async start(): Promise<void> {
    const { host, port } = this.options.hostPort;
    try {
      await this.app.listen({ host, port });
    } catch (error) {
      throw new Error(`${this.name} receiver cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
    }
    const address = this.app.server.address() as AddressInfo;
    this.bound = { host: address.address, port: address.port };
    this.options.logger.info({ receiver: this.name, address: `${address.address}:${address.port}`, tls: Boolean(this.options.tls) }, 'receiver listening');
  }

  beginShutdown(): void {
    this.shuttingDown = true;
  }

  async stop(): Promise<void> {
    this.shuttingDown = true;
    await this.app.close();
  }

  address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  private tools(): ReceiverTools {
    const { ingest, metrics, limits, tenantHeader, name } = this.options;
    const record = (request: FastifyRequest, failure: HttpFailure): HttpFailure => {
      metrics.requestsRejected.inc({ receiver: name, reason: failure.reason });
      const fields = { receiver: name, path: request.url.split('?')[0], status: failure.status, reason: failure.reason, remote: request.ip };
      if (failure.clientFault) this.badInputLog.warn(fields, failure.message);
      else if (failure.status === 500) this.options.logger.error(fields, failure.message);
      else this.badInputLog.warn(fields, failure.message);
      return failure;
    };
    return {
      ingestBody: async (request, codec) => {
        // The body's bytes count against the shared budget until it is decoded; then the queue accounts for the spans.
        const lease = this.options.budget?.lease();
        let batch;
        try {
          const body = await readBody(request.body as Readable, request.headers, limits, lease);
          batch = this.options.offload?.takes(codec, body) ? await this.options.offload.decode(codec, body) : ingest.prepare(codec, body);
        } catch (error) {
          if (error instanceof DecodeError || error instanceof BodyError) throw error;
          // A decoder bug or an input it did not foresee: still the client's payload, still not a crash.
          throw new DecodeError(codec.name, `malformed payload (${error instanceof Error ? error.message : String(error)})`);
        } finally {
          lease?.release();
        }
        const tenant = request.headers[tenantHeader];
        return ingest.submit(batch, { receiver: name, format: codec.name, ...(typeof tenant === 'string' ? { tenant } : {}) });
      },
      recordFailure: (request, error) => {
        const failure = httpFailureOf(error);
        if (failure.reason === 'internal') this.options.logger.error({ err: error, receiver: name }, 'unexpected error in receiver');
        return record(request, failure);
      },
      recordRefusal: record,
      applyFailure: (reply, failure) => {
        if (failure.retryAfterSeconds !== undefined) void reply.header('retry-after', String(failure.retryAfterSeconds));
        return reply.code(failure.status);
      },
    };
  }
}

function httpsOptions(tls: TlsFiles): Record<string, unknown> {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read TLS ${what} ${path}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    cert: read(tls.certPath, 'certificate'),
    key: read(tls.keyPath, 'key'),
    ...(tls.clientCaPath ? { ca: read(tls.clientCaPath, 'client CA'), requestCert: true, rejectUnauthorized: true } : {}),
  };
}
