import { LICENSE_KEY_ALPHABET, LICENSE_KEY_PATTERN } from '@nextpanel/shared';
import { generateLicenseKey } from './license-key';

describe('generateLicenseKey', () => {
  const keys = Array.from({ length: 10_000 }, () => generateLicenseKey());

  it('has the NP-XXXX-XXXX-XXXX format', () => {
    for (const key of keys) expect(key).toMatch(LICENSE_KEY_PATTERN);
  });

  it('uses only the unambiguous alphabet (no 0/O, 1/I/L)', () => {
    const characters = new Set(keys.flatMap((key) => [...key.slice(3).replace(/-/g, '')]));
    expect([...characters].filter((c) => !LICENSE_KEY_ALPHABET.includes(c))).toEqual([]);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L'])
      expect(characters.has(ambiguous)).toBe(false);
  });

  it('never repeats over 10,000 keys', () => {
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses every alphabet character about equally often (no bias)', () => {
    const counts = new Map<string, number>();
    for (const key of keys) {
      for (const character of key.slice(3).replace(/-/g, '')) {
        counts.set(character, (counts.get(character) ?? 0) + 1);
      }
    }
    // 120,000 draws over 31 symbols: about 3,871 each; a biased or broken generator falls far outside 15%.
    const expected = (keys.length * 12) / LICENSE_KEY_ALPHABET.length;
    expect(counts.size).toBe(LICENSE_KEY_ALPHABET.length);
    for (const count of counts.values()) {
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
    }
  });

  it('draws each of the 12 characters from the random source over the whole alphabet', () => {
    const bounds: number[] = [];
    expect(
      generateLicenseKey((max) => {
        bounds.push(max);
        return 0;
      }),
    ).toBe('NP-AAAA-AAAA-AAAA');
    expect(bounds).toEqual(Array(12).fill(LICENSE_KEY_ALPHABET.length));
    expect(generateLicenseKey((max) => max - 1)).toBe('NP-9999-9999-9999');
  });

  it('draws from node:crypto randomInt by default, not Math.random', () => {
    const randomInt = jest.fn(() => 2);
    jest.isolateModules(() => {
      jest.doMock('node:crypto', () => ({ ...jest.requireActual('node:crypto'), randomInt }));
      const isolated: typeof import('./license-key') = jest.requireActual('./license-key');
      expect(isolated.generateLicenseKey()).toBe('NP-CCCC-CCCC-CCCC');
    });
    expect(randomInt).toHaveBeenCalledTimes(12);
    jest.dontMock('node:crypto');
  });
});
