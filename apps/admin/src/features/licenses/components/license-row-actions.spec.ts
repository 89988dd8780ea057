import { describe, expect, it } from 'vitest';
import { allowedLicenseActions } from './license-row-actions';

describe('allowedLicenseActions', () => {
  it('follows the license state machine', () => {
    expect(allowedLicenseActions({ status: 'active' })).toEqual(['suspend', 'cancel', 'history']);
    expect(allowedLicenseActions({ status: 'suspended' })).toEqual([
      'reactivate',
      'cancel',
      'history',
    ]);
    expect(allowedLicenseActions({ status: 'expired' })).toEqual([
      'reactivate',
      'cancel',
      'history',
    ]);
    expect(allowedLicenseActions({ status: 'cancelled' })).toEqual(['history']);
  });
});
