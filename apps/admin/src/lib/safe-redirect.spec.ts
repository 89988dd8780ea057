import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
  it.each([
    ['/servers', '/servers'],
    ['/customers/42?tab=licenses#top', '/customers/42?tab=licenses#top'],
    ['/', '/'],
  ])('keeps the same-app path %s', (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.example/phish',
    'http://localhost:4000/servers',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'servers',
    '/login',
    '/login?redirect=/servers',
  ])('falls back to the dashboard for %j', (raw) => {
    expect(safeRedirectPath(raw)).toBe('/');
  });
});
