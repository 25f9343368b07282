import { parentSpanIdOf, type DependencySpan } from '@skein/storage';

/** One parent → child call, stamped with the child span's start time (µs). */
export interface ObservedCall {
  parent: string;
  child: string;
  timestampMicros: number;
}

export interface WindowLimits {
  /** Spans remembered (span id → service) per partition; the oldest are forgotten first. */
  maxSpans: number;
  /** Children remembered while their parent has not arrived yet; the oldest are given up first. */
  maxWaitingChildren: number;
}

interface WaitingChild {
  service: string;
  timestampMicros: number;
}

export type WindowSpan = DependencySpan & { startTime: number };

/**
 * The dependency rule of `dependenciesFromSpans`, applied to a stream: every span of a trace arrives on one
 * partition, but not in order, so a child may come before its parent. The window remembers recent spans'
 * services by (trace id, span id) and children still waiting for their parent; a late parent resolves its waiting
 * children. Both maps are bounded: a parent arriving after its child was given up counts nothing, as a parent
 * missing from storage counts nothing in Jaeger's rule.
 */
export class PartitionDependencyWindow {
  /** `traceId/spanId` → service of the first span seen with that key (Zipkin shared spans: the first is the parent). */
  readonly #services = new Map<string, string>();
  /** `traceId/parentSpanId` → children waiting for that parent. */
  readonly #waiting = new Map<string, WaitingChild[]>();
  #waitingCount = 0;

  constructor(private readonly limits: WindowLimits) {}

  get rememberedSpans(): number {
    return this.#services.size;
  }

  get waitingChildren(): number {
    return this.#waitingCount;
  }

  /** Feeds one span; calls `emit` for every call it completes (its own parent link and late-resolved children). */
  observe(span: WindowSpan, emit: (call: ObservedCall) => void): void {
    const key = `${span.traceId}/${span.spanId}`;
    const service = span.process.serviceName;
    if (this.#services.has(key)) {
      // A redelivered span (or the second half of a Zipkin shared span): its link was counted with the first.
      return;
    }
    this.#remember(key, service);

    const parentId = parentSpanIdOf(span);
    if (parentId !== undefined && parentId !== span.spanId) {
      const parentKey = `${span.traceId}/${parentId}`;
      const parentService = this.#services.get(parentKey);
      if (parentService !== undefined) {
        if (parentService !== service) emit({ parent: parentService, child: service, timestampMicros: span.startTime });
      } else {
        this.#wait(parentKey, { service, timestampMicros: span.startTime });
      }
    }

    const children = this.#waiting.get(key);
    if (children !== undefined) {
      this.#waiting.delete(key);
      this.#waitingCount -= children.length;
      for (const child of children) {
        if (child.service !== service) emit({ parent: service, child: child.service, timestampMicros: child.timestampMicros });
      }
    }
  }

  #remember(key: string, service: string): void {
    this.#services.set(key, service);
    if (this.#services.size > this.limits.maxSpans) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.#services.keys().next().value as string;
      this.#services.delete(oldest);
    }
  }

  #wait(parentKey: string, child: WaitingChild): void {
    const list = this.#waiting.get(parentKey);
    if (list) list.push(child);
    else this.#waiting.set(parentKey, [child]);
    this.#waitingCount++;
    while (this.#waitingCount > this.limits.maxWaitingChildren) {
      const [oldestKey, oldest] = this.#waiting.entries().next().value as [string, WaitingChild[]];
      this.#waiting.delete(oldestKey);
      this.#waitingCount -= oldest.length;
    }
  }
}
