import { createHmac } from 'node:crypto';
import { signatureMatches, signQuotaRequest } from './quota-signature';

describe('quota call-back signatures', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<license_key>.<feature>" keyed with the panel secret', () => {
    const expected = createHmac('sha256', 'nps_secret')
      .update('1700000000.NP-AAAA-BBBB-CCCC.create_database')
      .digest('hex');
    expect(signQuotaRequest('nps_secret', 1700000000, 'NP-AAAA-BBBB-CCCC', 'create_database')).toBe(
      expected,
    );
  });

  it('compares safely and refuses anything that is not the same 32 bytes', () => {
    const good = signQuotaRequest('s', 1, 'k', 'f');
    expect(signatureMatches(good, good)).toBe(true);
    expect(signatureMatches(good, good.toUpperCase())).toBe(true);
    expect(signatureMatches(good, good.slice(0, 62))).toBe(false);
    expect(signatureMatches(good, 'zz'.repeat(32))).toBe(false);
    expect(signatureMatches(good, signQuotaRequest('other', 1, 'k', 'f'))).toBe(false);
  });
});
