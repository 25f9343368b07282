import { decodeSamplingStrategyResponse, encodeSamplingParameters, SAMPLING_GET_STRATEGY_PATH, type SamplingStrategyResponse, type StrategySource } from '@skein/collector';
import type { CollectorPool } from './collector-pool.js';

/** Services whose last strategy is remembered for when no collector answers. */
const REMEMBERED_SERVICES = 10_000;

/**
 * The agent's 5778 answers, asked of a collector over gRPC (`SamplingManager.GetSamplingStrategy`), as Jaeger's agent
 * does. When no collector answers, a service gets the strategy it was last given; one never seen gets the error.
 */
export class CollectorStrategySource implements StrategySource {
  private readonly remembered = new Map<string, SamplingStrategyResponse>();

  constructor(
    private readonly pool: CollectorPool,
    private readonly timeoutMs: number,
  ) {}

  async getStrategy(service: string): Promise<SamplingStrategyResponse> {
    const endpoint = this.pool.next();
    try {
      if (!endpoint) throw new Error('no collector address resolved');
      const strategy = decodeSamplingStrategyResponse(await endpoint.call(SAMPLING_GET_STRATEGY_PATH, encodeSamplingParameters({ serviceName: service }), this.timeoutMs));
      this.remember(service, strategy);
      return strategy;
    } catch (error) {
      const known = this.remembered.get(service);
      if (known) return known;
      throw new Error(`no collector answered${endpoint ? ` (${endpoint.address})` : ''}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private remember(service: string, strategy: SamplingStrategyResponse): void {
    this.remembered.delete(service);
    this.remembered.set(service, strategy);
    if (this.remembered.size > REMEMBERED_SERVICES) this.remembered.delete(this.remembered.keys().next().value as string);
  }
}
