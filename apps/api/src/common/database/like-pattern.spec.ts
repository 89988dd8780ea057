import { containsPattern, escapeLikePattern } from './like-pattern';

describe('escapeLikePattern', () => {
  it.each([
    ['acme', 'acme'],
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['%_\\', '\\%\\_\\\\'],
    ["o'brien", "o'brien"],
  ])('escapes %p as %p', (input, escaped) => {
    expect(escapeLikePattern(input)).toBe(escaped);
  });

  it('escapes the escape character first, so an escaped wildcard cannot be un-escaped', () => {
    // `\%` typed by a user must stay a backslash followed by a literal percent sign.
    expect(escapeLikePattern('\\%')).toBe('\\\\\\%');
  });
});

describe('containsPattern', () => {
  it('wraps the escaped text in wildcards', () => {
    expect(containsPattern('10%_off')).toBe('%10\\%\\_off%');
  });
});
