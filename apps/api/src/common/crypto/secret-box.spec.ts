import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox({ encryptionKey: randomBytes(32) });

  it('round-trips a secret without keeping the plaintext', () => {
    const sealed = box.seal('nps_super_secret_value');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('nps_super_secret_value');
    expect(box.open(sealed)).toBe('nps_super_secret_value');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a value sealed with another key', () => {
    const other = new SecretBox({ encryptionKey: randomBytes(32) });
    expect(() => box.open(other.seal('secret'))).toThrow();
  });

  it('refuses a tampered value', () => {
    const parts = box.seal('secret').split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
});
