import { VersionedCache } from './versioned-cache';

describe('VersionedCache', () => {
  it('answers a value only for the version it was stored at', () => {
    const cache = new VersionedCache<string>(10);
    cache.set('term', '7', 'page at 7');
    expect(cache.get('term', '7')).toBe('page at 7');
    expect(cache.get('term', '8')).toBeUndefined();
    expect(cache.get('other', '7')).toBeUndefined();
    cache.set('term', '8', 'page at 8');
    expect(cache.get('term', '7')).toBeUndefined();
    expect(cache.get('term', '8')).toBe('page at 8');
  });

  it('keeps at most maxEntries, dropping the least recently used first', () => {
    const cache = new VersionedCache<number>(2);
    cache.set('a', '1', 1);
    cache.set('b', '1', 2);
    expect(cache.get('a', '1')).toBe(1);
    cache.set('c', '1', 3);
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBe(1);
    expect(cache.get('c', '1')).toBe(3);
  });
});
