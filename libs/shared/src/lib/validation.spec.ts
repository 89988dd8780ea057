import { isPanelUsername, isStrongPassword } from './validation';

describe('isPanelUsername', () => {
  it.each(['johndoe', 'abc', 'user01', 'a'.repeat(16)])('accepts %s', (name) => {
    expect(isPanelUsername(name)).toBe(true);
  });

  it.each(['', 'ab', '1john', 'John', 'john-doe', 'john_doe', 'john doe', 'a'.repeat(17), 'jöhn'])(
    'refuses %j',
    (name) => {
      expect(isPanelUsername(name)).toBe(false);
    },
  );
});

describe('isStrongPassword', () => {
  it.each(['TempPassword123!', 'TempPass123!', 'Password123!', 'Abcdefg1'])(
    'accepts %s',
    (password) => {
      expect(isStrongPassword(password)).toBe(true);
    },
  );

  it.each([
    'short1A',
    'alllowercase123',
    'ALLUPPERCASE123',
    'NoDigitsHere!',
    'A1' + 'a'.repeat(127),
  ])('refuses %s', (password) => {
    expect(isStrongPassword(password)).toBe(false);
  });
});
