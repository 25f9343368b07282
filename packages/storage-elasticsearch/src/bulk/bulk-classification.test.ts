import { describe, expect, it } from '@jest/globals';
import { backoffDelayMs, classifyBulkItem, isRetryableStatus } from './bulk-classification.js';

describe('classifyBulkItem', () => {
  it('accepts created and updated documents', () => {
    expect(classifyBulkItem({ status: 201 })).toEqual({ kind: 'ok' });
    expect(classifyBulkItem({ status: 200 })).toEqual({ kind: 'ok' });
  });

  it('retries overload and server errors', () => {
    expect(classifyBulkItem({ status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }).kind).toBe('retryable');
    expect(classifyBulkItem({ status: 503, error: { type: 'unavailable_shards_exception' } }).kind).toBe('retryable');
    expect(classifyBulkItem({ status: 500 }).kind).toBe('retryable');
    // a busy type is retryable whatever status carries it
    expect(classifyBulkItem({ status: 403, error: { type: 'cluster_block_exception', reason: 'read-only' } }).kind).toBe('retryable');
  });

  it('fails mapping conflicts and bad requests at once, with the cause', () => {
    const outcome = classifyBulkItem({
      status: 400,
      error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [startTime]', caused_by: { type: 'illegal_argument_exception', reason: 'For input string: "x"' } },
    });
    expect(outcome).toEqual({
      kind: 'permanent',
      errorType: 'mapper_parsing_exception',
      reason: 'failed to parse field [startTime]; caused by illegal_argument_exception: For input string: "x"',
    });
    expect(classifyBulkItem({ status: 404, error: { type: 'index_not_found_exception' } }).kind).toBe('permanent');
    expect(classifyBulkItem({ status: 409 }).kind).toBe('permanent');
  });

  it('names a missing error type after the status', () => {
    expect(classifyBulkItem({ status: 413 })).toMatchObject({ kind: 'permanent', errorType: 'http_413' });
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [0, true],
    [429, true],
    [502, true],
    [400, false],
    [404, false],
  ])('%d → %s', (status, expected) => expect(isRetryableStatus(status)).toBe(expected));
});

describe('backoffDelayMs', () => {
  it('grows exponentially, stays within [half, full] of the capped delay', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(800);
  });

  it('is capped and never overflows for large attempts', () => {
    expect(backoffDelayMs(10, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelayMs(5000, 100, 10_000, () => 0.5)).toBe(7_500);
  });

  it('spreads retries of synchronized writers', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, 100, 10_000)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1600);
    }
  });
});
