import { forEachBounded } from './bounded';
import { decideWarnings, formatMegabytes, percentOf, percentages, quotaOf } from './usage-metrics';

describe('usage metrics', () => {
  const quota = quotaOf({
    license_id: 7,
    max_disk_gb: 10,
    max_databases: 2,
    max_domains: 0,
    max_email_accounts: 5,
  })!;

  it('reads the license quotas in the samples’ units, and none without a license', () => {
    expect(quota).toEqual({
      license_id: 7,
      disk_mb: 10240,
      databases: 2,
      domains: 0,
      email_accounts: 5,
    });
    expect(
      quotaOf({
        license_id: null,
        max_disk_gb: null,
        max_databases: null,
        max_domains: null,
        max_email_accounts: null,
      }),
    ).toBeNull();
  });

  it('computes percentages to one decimal; using a quota of 0 counts as 100 %', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 0)).toBe(100);
    expect(
      percentages({ disk: 9523.2, databases: 2, domains: 0, email_accounts: 1 }, quota),
    ).toEqual({ disk: 93, databases: 100, domains: 0, email_accounts: 20 });
  });

  it('warns at the threshold and re-arms only below the threshold minus the hysteresis', () => {
    const settings = { warning_percent: 90, hysteresis_percent: 5 };
    expect(
      decideWarnings({ disk: 90, databases: 89.9, domains: 85, email_accounts: 84.9 }, settings),
    ).toEqual({ above: ['disk'], cleared: ['email_accounts'] });
    expect(
      decideWarnings(
        { disk: 90, databases: 89.9, domains: 0, email_accounts: 0 },
        { warning_percent: 90, hysteresis_percent: 0 },
      ),
    ).toEqual({ above: ['disk'], cleared: ['databases', 'domains', 'email_accounts'] });
  });

  it('formats megabytes for people', () => {
    expect(formatMegabytes(512.4)).toBe('512 MB');
    expect(formatMegabytes(10240)).toBe('10 GB');
    expect(formatMegabytes(9523.2)).toBe('9.3 GB');
  });
});

describe('forEachBounded', () => {
  it('never runs more than the limit at once and visits every item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(item);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await forEachBounded([], 3, () => Promise.reject(new Error('not called')));
  });
});
