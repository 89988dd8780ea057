import { WellFormedTextPipe } from './well-formed-text.pipe';

describe('WellFormedTextPipe', () => {
  const pipe = new WellFormedTextPipe();
  const body = { type: 'body' as const };

  it('passes ordinary text, emoji and non-strings', () => {
    const value = { name: 'Jöhn 🙂', n: 1, list: ['a'], nested: { ok: true } };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('refuses NUL characters and lone surrogates, naming the field', () => {
    expect(() => pipe.transform({ email: 'a\u0000b' }, body)).toThrow(
      'email must not contain NUL characters',
    );
    expect(() => pipe.transform({ nested: { name: '\ud800' } }, body)).toThrow(
      'nested.name must be valid Unicode text',
    );
    expect(() => pipe.transform(['ok', '\udfff'], body)).toThrow('1 must be valid Unicode text');
  });
});
