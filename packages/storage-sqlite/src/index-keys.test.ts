import { describe, expect, it } from '@jest/globals';
import { hash52, tagIndexKey, TagIndexHasher } from './index-keys.js';

describe('index key hashes', () => {
  it('keeps the persisted values of hash52', () => {
    // Postings on disk hold these hashes: a change here makes every stored key unfindable.
    expect(hash52('')).toBe(1060637106680807);
    expect(hash52('s\u0000shop-frontend')).toBe(4194907281353594);
    expect(hash52('t\u0000shop\u0000http.status_code\u0000200')).toBe(2624657516920628);
  });

  it('hashes tags through TagIndexHasher exactly as tagIndexKey does', () => {
    const cases: Array<[string, string, string]> = [
      ['shop', 'http.status_code', '200'],
      ['', '', ''],
      ['svc-ü', 'emoji.😀', 'wert\u0000mit NUL'],
      ['a'.repeat(300), 'k', 'v'.repeat(1000)],
    ];
    for (const [service, key, value] of cases) {
      expect(new TagIndexHasher(service).key(key, value)).toBe(tagIndexKey(service, key, value));
    }
    const hasher = new TagIndexHasher('shop');
    expect([hasher.key('a', '1'), hasher.key('b', '2')]).toEqual([tagIndexKey('shop', 'a', '1'), tagIndexKey('shop', 'b', '2')]);
  });
});
