import { isPanelUsername } from './validation';

describe('isPanelUsername', () => {
  it.each(['johndoe', 'abc', 'user_01', 'a'.repeat(32)])('accepts %s', (name) => {
    expect(isPanelUsername(name)).toBe(true);
  });

  it.each(['', 'ab', '1john', 'John', 'john-doe', 'john doe', 'a'.repeat(33), 'jöhn'])(
    'refuses %j',
    (name) => {
      expect(isPanelUsername(name)).toBe(false);
    },
  );
});
