import { TenantRejectedError } from '../ingest/span-ingest.js';

export interface TenancyConfig {
  enabled: boolean;
  /** Header (or gRPC metadata key) carrying the tenant; lower case. */
  header: string;
  /** Allowed tenants; empty = any non-empty tenant. */
  tenants: readonly string[];
}

/**
 * The tenant of a request, or undefined when tenancy is off. Throws {@link TenantRejectedError} when tenancy is on
 * and the header is missing or names a tenant outside the allow-list.
 */
export function resolveTenant(config: TenancyConfig, headerValue: string | string[] | undefined): string | undefined {
  if (!config.enabled) return undefined;
  const value = (Array.isArray(headerValue) ? headerValue[0] : headerValue)?.trim();
  if (!value) throw new TenantRejectedError('missing');
  if (config.tenants.length > 0 && !config.tenants.includes(value)) throw new TenantRejectedError('not-allowed', value);
  return value;
}
