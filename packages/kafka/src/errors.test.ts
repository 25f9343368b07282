import { describe, expect, it } from '@jest/globals';
import { KafkaError, MessageTooLargeError, classifyKafkaError } from './errors.js';

describe('classifyKafkaError', () => {
  it('finds a permanent broker code nested in an aggregate error', () => {
    const error = Object.assign(new AggregateError([Object.assign(new Error('inner'), { apiId: 'MESSAGE_TOO_LARGE' })], 'Producing messages failed.'), {});
    expect(classifyKafkaError(error)).toEqual({ kind: 'permanent', reason: 'message-too-large' });
  });

  it('treats timeouts and lost connections as retryable', () => {
    expect(classifyKafkaError(Object.assign(new Error('t'), { code: 'PLT_KFK_TIMEOUT' }))).toEqual({ kind: 'retryable', reason: 'timeout' });
    expect(classifyKafkaError(Object.assign(new Error('n'), { code: 'PLT_KFK_NETWORK' }))).toEqual({ kind: 'retryable', reason: 'broker-unavailable' });
    expect(classifyKafkaError(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNREFUSED' }) }))).toEqual({
      kind: 'retryable',
      reason: 'broker-unavailable',
    });
    expect(classifyKafkaError(Object.assign(new Error('l'), { apiId: 'NOT_LEADER_OR_FOLLOWER' })).kind).toBe('retryable');
  });

  it('sorts authorization failures as permanent', () => {
    expect(classifyKafkaError(Object.assign(new Error('a'), { apiId: 'TOPIC_AUTHORIZATION_FAILED' }))).toEqual({ kind: 'permanent', reason: 'not-authorized' });
  });

  it('keeps the classification of its own errors', () => {
    expect(classifyKafkaError(new KafkaError('full', 'retryable', 'overloaded'))).toEqual({ kind: 'retryable', reason: 'overloaded' });
  });
});

describe('MessageTooLargeError', () => {
  it('names the span, the size and the limit', () => {
    const error = new MessageTooLargeError('jaeger-spans', 1000, 5000, [{ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8) }]);
    expect(error.message).toContain(`span ${'cd'.repeat(8)} of trace ${'ab'.repeat(16)}`);
    expect(error.message).toContain('5000 bytes');
    expect(error.message).toContain('1000-byte limit of topic jaeger-spans');
    expect(error.kind).toBe('permanent');
  });
});
