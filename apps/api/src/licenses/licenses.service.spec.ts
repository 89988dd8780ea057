import { insertLicenseWithUniqueKey, NewLicense } from './licenses.service';

const LICENSE: NewLicense = {
  customerId: 2,
  planId: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10',
  billingCycle: 'monthly',
  maxDatabases: 10,
  maxDomains: 5,
  maxEmailAccounts: 25,
  maxDiskGb: 50,
};

describe('insertLicenseWithUniqueKey', () => {
  it('draws a new key when the first one is taken, without failing the transaction', async () => {
    // ON CONFLICT DO NOTHING returns no row for a taken key; the second key gets id 7.
    const query = jest
      .fn()
      .mockResolvedValueOnce([])
      .mockResolvedValueOnce([{ id: 7 }]);
    const keys = ['NP-AAAA-AAAA-AAAA', 'NP-BBBB-BBBB-BBBB'];
    const generateKey = jest.fn(() => keys.shift()!);

    await expect(insertLicenseWithUniqueKey({ query }, LICENSE, generateKey)).resolves.toBe(7);

    expect(generateKey).toHaveBeenCalledTimes(2);
    expect(query.mock.calls.map(([, parameters]) => parameters[0])).toEqual([
      'NP-AAAA-AAAA-AAAA',
      'NP-BBBB-BBBB-BBBB',
    ]);
    expect(query.mock.calls[0][0]).toMatch(
      /ON CONFLICT ON CONSTRAINT uq_licenses_license_key DO NOTHING/,
    );
    expect(query.mock.calls[1][1]).toEqual([
      'NP-BBBB-BBBB-BBBB',
      2,
      LICENSE.planId,
      'active',
      'monthly',
      10,
      5,
      25,
      50,
    ]);
  });

  it('gives up after a few collisions instead of looping forever', async () => {
    const query = jest.fn().mockResolvedValue([]);
    await expect(
      insertLicenseWithUniqueKey({ query }, LICENSE, () => 'NP-AAAA-AAAA-AAAA'),
    ).rejects.toThrow(/No unused license key/);
    expect(query).toHaveBeenCalledTimes(5);
  });
});
