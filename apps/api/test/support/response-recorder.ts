/**
 * Remembers every response body a test file received, so one final test can assert that no
 * password, password hash or other secret ever went over the wire, whatever the endpoint.
 * Use as a supertest assertion: `.expect(recorder.record)`.
 */
export class ResponseRecorder {
  readonly bodies: unknown[] = [];

  readonly record = (response: { body: unknown }): void => {
    this.bodies.push(response.body);
  };

  /** No key naming a password or secret, no Argon2 hash, and none of the given plaintexts. */
  expectNoSecrets(plaintexts: string[]): void {
    expect(this.bodies.length).toBeGreaterThan(0);
    const keys = new Set<string>();
    const collectKeys = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collectKeys);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collectKeys(inner);
        }
      }
    };
    this.bodies.forEach(collectKeys);
    expect([...keys].filter((key) => /password|secret|hash|api_key/i.test(key))).toEqual([]);

    const text = JSON.stringify(this.bodies);
    expect(text).not.toContain('$argon2');
    for (const plaintext of plaintexts) expect(text).not.toContain(plaintext);
  }
}
