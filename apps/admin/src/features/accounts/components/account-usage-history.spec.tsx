import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountUsageResponse, HostingAccountStatsResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeAccount, makeCustomerDetails } from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

const stats: HostingAccountStatsResponse = {
  account_id: 11,
  user_id: 456,
  username: 'johndoe',
  email: 'john@acme.com',
  total_domains: 3,
  total_databases: 10,
  total_email_accounts: 12,
  total_ssl_certificates: 2,
  storage_used: 47_000,
  last_login: null,
  account_age_days: 30,
};

const sample = (sampledAt: string, diskUsedMb: number, databases = 10) => ({
  sampled_at: sampledAt,
  disk_used_mb: diskUsedMb,
  databases,
  domains: 3,
  email_accounts: 12,
  ssl_certificates: 2,
});

function usage(overrides: Partial<AccountUsageResponse> = {}): AccountUsageResponse {
  const samples = [
    sample('2026-11-25T12:00:00.000Z', 40_000, 8),
    sample('2026-11-26T00:00:00.000Z', 44_000, 9),
    sample('2026-11-26T12:00:00.000Z', 47_000, 10),
  ];
  return {
    account_id: 11,
    // The Professional plan: 50 GB, 10 databases, 5 domains, 25 mailboxes.
    quota: { license_id: 7, disk_mb: 51_200, databases: 10, domains: 5, email_accounts: 25 },
    current: {
      ...samples[2]!,
      percent: { disk: 91.8, databases: 100, domains: 60, email_accounts: 48 },
    },
    warning_percent: 90,
    warnings: [
      { metric: 'databases', percent: 100, warned_at: '2026-11-26T12:00:00.000Z' },
      { metric: 'disk', percent: 91.8, warned_at: '2026-11-26T12:00:00.000Z' },
    ],
    collection: {
      last_attempt_at: '2026-11-26T12:00:00.000Z',
      last_success_at: '2026-11-26T12:00:00.000Z',
      last_error: null,
      consecutive_failures: 0,
    },
    from: '2026-11-19T12:00:00.000Z',
    to: '2026-11-26T12:00:00.000Z',
    bucket_seconds: null,
    samples,
    ...overrides,
  };
}

function openUsage(handlers: Record<string, () => Response>) {
  const view = renderAdminPage('/customers/2', {
    'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    'GET /api/v1/nextpanel/accounts/11/stats': () => jsonResponse(stats),
    'GET /api/v1/nextpanel/accounts/11': () =>
      jsonResponse({ ...makeAccount(), panel: { reachable: true, status: 'active' } }),
    ...handlers,
  });
  return {
    ...view,
    dialog: async () => {
      // The first render compiles the lazy customer page: slow on a busy machine.
      const opener = await screen.findByRole(
        'button',
        { name: 'Usage of johndoe' },
        { timeout: 15_000 },
      );
      await view.user.click(opener);
      const dialog = screen.getByRole('dialog', { name: 'Usage of johndoe' });
      return within(within(dialog).getByRole('region', { name: 'Usage history' }));
    },
  };
}

describe('usage history in the account’s usage dialog', () => {
  it('shows the stored usage against the quotas, red from 90 %, and which warnings went out', async () => {
    const { dialog } = openUsage({
      'GET /api/v1/nextpanel/accounts/11/usage': () => jsonResponse(usage()),
    });
    const history = await dialog();

    const disk = await history.findByRole('meter', { name: 'Disk space of quota' });
    expect(disk.getAttribute('aria-valuetext')).toBe('46 GB / 50 GB · 91.8% (92%)');
    expect(disk.firstElementChild?.className).toMatch(/danger/);
    const domains = history.getByRole('meter', { name: 'Domains of quota' });
    expect(domains.getAttribute('aria-valuetext')).toBe('3 / 5 · 60% (60%)');
    expect(domains.firstElementChild?.className).not.toMatch(/danger/);
    expect(history.getAllByText('Customer warned')).toHaveLength(2);

    // Disk space is charted first, with the quota and the warning line.
    const chart = history.getByRole('img', { name: /^Disk space over the last 7 days/ });
    expect(chart.getAttribute('aria-label')).toContain('3 readings');
    expect(chart.getAttribute('aria-label')).toContain('latest 46 GB, peak 46 GB');
    expect(chart.getAttribute('aria-label')).toContain('Quota 50 GB; Warning at 90% 45 GB');
  });

  it('switches the charted metric and the period', async () => {
    const { dialog, user, fetchMock } = openUsage({
      'GET /api/v1/nextpanel/accounts/11/usage': () => jsonResponse(usage()),
    });
    const history = await dialog();
    await history.findByRole('img', { name: /^Disk space over/ });

    await user.click(history.getByRole('button', { name: 'Databases' }));
    expect(history.getByRole('button', { name: 'Databases' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(
      history
        .getByRole('img', { name: /^Databases over the last 7 days/ })
        .getAttribute('aria-label'),
    ).toContain('latest 10, peak 10; Quota 10');

    await user.click(history.getByRole('button', { name: 'Last 90 days' }));
    expect(
      await history.findByRole('img', { name: /^Databases over the last 90 days/ }),
    ).toBeTruthy();
    const requests = requestsTo(fetchMock, 'GET /api/v1/nextpanel/accounts/11/usage');
    expect(requests).toHaveLength(2);
    const span = (query: URLSearchParams) => Date.now() - Date.parse(query.get('from')!);
    expect(Math.round(span(requests[0]!.query) / 86_400_000)).toBe(7);
    expect(Math.round(span(requests[1]!.query) / 86_400_000)).toBe(90);
  });

  it('says when collection failed, and shows usage only for an account without a license', async () => {
    const { dialog } = openUsage({
      'GET /api/v1/nextpanel/accounts/11/usage': () =>
        jsonResponse(
          usage({
            quota: null,
            current: { ...sample('2026-11-26T12:00:00.000Z', 512), percent: null },
            warnings: [],
            collection: {
              last_attempt_at: '2026-11-26T12:15:00.000Z',
              last_success_at: null,
              last_error: 'Production Server 1 did not answer within 5 seconds',
              consecutive_failures: 3,
            },
          }),
        ),
    });
    const history = await dialog();
    expect(
      await history.findByText(/Production Server 1 did not answer within 5 seconds/),
    ).toBeTruthy();
    expect(history.getByText(/3 attempts in a row/)).toBeTruthy();
    expect(history.queryByRole('meter')).toBeNull();
    expect(history.getByText('512 MB')).toBeTruthy();
    expect(history.getByText(/No license, so no quotas to compare with/)).toBeTruthy();
    expect(
      history.getByRole('img', { name: /^Disk space over/ }).getAttribute('aria-label'),
    ).not.toContain('Quota');
  });

  it('has an empty state before the first collection and an error state with retry', async () => {
    let fail = true;
    const { dialog, user } = openUsage({
      'GET /api/v1/nextpanel/accounts/11/usage': () =>
        fail
          ? apiErrorResponse(500, { message: 'Internal server error' })
          : jsonResponse(usage({ current: null, samples: [], warnings: [], collection: null })),
    });
    const history = await dialog();
    expect(await history.findByText('Could not load the usage history')).toBeTruthy();
    fail = false;
    await user.click(history.getByRole('button', { name: 'Try again' }));
    expect(await history.findByText(/No usage collected yet/)).toBeTruthy();
    expect(history.getByRole('img', { name: /No readings in the last 7 days/ })).toBeTruthy();
  });
});
