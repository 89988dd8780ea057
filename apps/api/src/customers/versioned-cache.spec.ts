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

  it('hands out the latest entry and advances it only while it is still the one stored', () => {
    const cache = new VersionedCache<string>(10);
    expect(cache.latest('term')).toBeUndefined();
    cache.set('term', '7', 'page at 7');
    const entry = cache.latest('term');
    expect(entry).toEqual({ version: '7', value: 'page at 7' });
    cache.advance('term', entry!, '12');
    expect(cache.get('term', '12')).toBe('page at 7');
    expect(cache.get('term', '7')).toBeUndefined();
    // Never backwards (compared as numbers, not as text: '9' < '12').
    cache.advance('term', entry!, '9');
    expect(cache.latest('term')?.version).toBe('12');
    // Replaced meanwhile: the old entry's proof says nothing about its successor.
    cache.set('term', '13', 'page at 13');
    cache.advance('term', entry!, '20');
    expect(cache.latest('term')).toEqual({ version: '13', value: 'page at 13' });
  });
});
