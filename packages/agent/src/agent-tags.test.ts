import { describe, expect, it } from '@jest/globals';
import { parseAgentTags } from './agent-tags.js';

describe('--agent.tags', () => {
  it('reads key=value pairs and ${ENV:default} references as Jaeger does', () => {
    const env = { POD_NAME: 'shop-7d9', EMPTY: '' };
    expect(parseAgentTags(' zone = eu-1 , pod=${POD_NAME:none},node=${NODE_NAME:unknown},bare=${MISSING},empty=${EMPTY:x}', env)).toEqual([
      { key: 'zone', type: 'string', value: 'eu-1' },
      { key: 'pod', type: 'string', value: 'shop-7d9' },
      { key: 'node', type: 'string', value: 'unknown' },
      { key: 'bare', type: 'string', value: '' },
      { key: 'empty', type: 'string', value: '' },
    ]);
    expect(parseAgentTags('', env)).toEqual([]);
  });

  it('names the item that is not key=value', () => {
    expect(() => parseAgentTags('a=1,novalue', {})).toThrow('"novalue" is not key=value');
    expect(() => parseAgentTags('=x', {})).toThrow('"=x" is not key=value');
  });
});
