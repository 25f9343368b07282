import { describe, expect, it } from '@jest/globals';
import { dependenciesFromSpans, type DependencySpan } from './dependencies.js';

const span = (spanId: string, service: string, parent?: string, refType: 'CHILD_OF' | 'FOLLOWS_FROM' = 'CHILD_OF'): DependencySpan => ({
  traceId: 't1',
  spanId,
  process: { serviceName: service },
  references: parent ? [{ refType, traceId: 't1', spanId: parent }] : [],
});

describe('dependenciesFromSpans', () => {
  it('counts cross-service CHILD_OF edges only', () => {
    const links = dependenciesFromSpans([
      span('1', 'a'),
      span('2', 'b', '1'),
      span('3', 'b', '1'),
      span('4', 'b', '2'),
      span('5', 'c', '2', 'FOLLOWS_FROM'),
      span('6', 'c', 'missing'),
    ]);
    expect(links).toEqual([{ parent: 'a', child: 'b', callCount: 2 }]);
  });

  it('takes the first stored span as the parent when ids are shared', () => {
    const links = dependenciesFromSpans([span('1', 'client'), span('1', 'server'), span('2', 'db', '1')]);
    expect(links).toEqual([{ parent: 'client', child: 'db', callCount: 1 }]);
  });

  it('ignores a parent reference into another trace', () => {
    const other: DependencySpan = { ...span('2', 'b'), references: [{ refType: 'CHILD_OF', traceId: 't2', spanId: '1' }] };
    expect(dependenciesFromSpans([span('1', 'a'), other])).toEqual([]);
  });
});
