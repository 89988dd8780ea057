import { describe, expect, it, vi } from 'vitest';
import { STRONG_PASSWORD_PATTERN } from '@nextpanel/shared';
import { generatePassword, passwordStrength } from './password';

describe('generatePassword', () => {
  it('always meets the API’s password rule and uses the CSPRNG', () => {
    const random = vi.spyOn(crypto, 'getRandomValues');
    for (let run = 0; run < 200; run++) {
      const password = generatePassword();
      expect(password).toHaveLength(16);
      expect(password).toMatch(STRONG_PASSWORD_PATTERN);
      expect(password).toMatch(/[^a-zA-Z0-9]/);
      expect(password).not.toMatch(/[lIO01]/);
    }
    expect(random).toHaveBeenCalled();
  });

  it('does not repeat itself', () => {
    const passwords = new Set(Array.from({ length: 100 }, () => generatePassword()));
    expect(passwords.size).toBe(100);
  });

  it('refuses lengths the rule would not accept', () => {
    expect(() => generatePassword(6)).toThrow(RangeError);
  });
});

describe('passwordStrength', () => {
  it.each([
    ['', 0, ''],
    ['password', 1, 'Too weak'],
    ['Passw0rd', 2, 'Fair'],
    ['Password12345', 3, 'Good'],
    ['SecurePassword123!', 4, 'Strong'],
  ] as const)('rates %j as %s', (password, score, label) => {
    const strength = passwordStrength(password);
    expect(strength.score).toBe(score);
    expect(strength.label).toBe(label);
  });

  it('lists what the rule still wants, in its words', () => {
    expect(passwordStrength('abc').missing).toEqual([
      'at least 8 characters',
      'an upper-case letter',
      'a digit',
    ]);
    expect(passwordStrength('Abcdefg1').missing).toEqual([]);
  });

  it('discounts runs and repeats', () => {
    expect(passwordStrength('Aaaaaaaaaaaaaaaa1').score).toBeLessThan(
      passwordStrength('Kq7vTz2mXw9pLr4s').score,
    );
  });
});
