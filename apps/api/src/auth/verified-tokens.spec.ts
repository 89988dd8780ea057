import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('knows only tokens it was given, by their exact text', () => {
    const tokens = new VerifiedTokens(10, () => 1_000);
    tokens.remember('a.b.c', { userId: 7, expiresAt: 2_000 });
    expect(tokens.get('a.b.c')).toEqual({ userId: 7, expiresAt: 2_000 });
    expect(tokens.get('a.b.C')).toBeUndefined();
    expect(tokens.get('a.b.c ')).toBeUndefined();
  });

  it('says a token has expired once the current second reaches exp, and forgets it', () => {
    let now = 1_999;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', { userId: 1, expiresAt: 2_000 });
    expect(tokens.get('t')).toMatchObject({ userId: 1 });
    now = 2_000;
    expect(tokens.get('t')).toBe('expired');
    expect(tokens.get('t')).toBeUndefined();
  });

  it('keeps a token without exp', () => {
    const tokens = new VerifiedTokens(10, () => Number.MAX_SAFE_INTEGER);
    tokens.remember('t', { userId: 1, expiresAt: undefined });
    expect(tokens.get('t')).toMatchObject({ userId: 1 });
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('1', { userId: 1, expiresAt: 10 });
    tokens.remember('2', { userId: 2, expiresAt: 10 });
    tokens.remember('3', { userId: 3, expiresAt: 10 });
    expect(tokens.get('1')).toBeUndefined();
    expect(tokens.get('2')).toMatchObject({ userId: 2 });
    expect(tokens.get('3')).toMatchObject({ userId: 3 });
  });
});
