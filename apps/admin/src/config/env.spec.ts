import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults the API URL to the local API', () => {
    expect(parseEnv({}).API_URL).toBe('http://localhost:8001');
    expect(parseEnv({ VITE_API_URL: '' }).API_URL).toBe('http://localhost:8001');
  });

  it('drops a trailing slash', () => {
    expect(parseEnv({ VITE_API_URL: 'https://billing.example.com/' }).API_URL).toBe(
      'https://billing.example.com',
    );
  });

  it('refuses a value that is not an http(s) URL', () => {
    expect(() => parseEnv({ VITE_API_URL: 'localhost:8001' })).toThrow(
      /VITE_API_URL must be an http\(s\) URL/,
    );
    expect(() => parseEnv({ VITE_API_URL: 'ftp://example.com' })).toThrow(/VITE_API_URL/);
  });
});
