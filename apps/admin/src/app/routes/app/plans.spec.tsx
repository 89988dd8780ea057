import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PlanResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makePlan } from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

describe('plans page', () => {
  it('lists plans with prices and quotas', async () => {
    renderAdminPage('/plans', {
      'GET /api/v1/plans': () =>
        jsonResponse([makePlan(), makePlan({ id: 'x', name: 'Legacy', is_active: false })]),
    });

    const row = (await screen.findByText('Professional Hosting')).closest('tr') as HTMLElement;
    expect(within(row).getByText('$14.99')).toBeTruthy();
    expect(within(row).getByText('$149.90')).toBeTruthy();
    expect(within(row).getByText('On sale')).toBeTruthy();
    expect(row.textContent).toContain('50 GB disk');
    expect(screen.getByText('Not sold')).toBeTruthy();
    expect(screen.getByText('2 plans, 1 on sale')).toBeTruthy();
  });

  it('creates a plan with decimal prices and whole-number quotas', async () => {
    let plans: PlanResponse[] = [];
    const { user, fetchMock } = renderAdminPage('/plans', {
      'GET /api/v1/plans': () => jsonResponse(plans),
      'POST /api/v1/plans': () => {
        plans = [makePlan({ name: 'Reseller' })];
        return jsonResponse(plans[0], { status: 201 });
      },
    });

    expect(await screen.findByRole('heading', { name: 'No plans yet' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Create plan' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'Create plan' });
    await user.type(within(dialog).getByLabelText('Plan name'), 'Reseller');
    await user.type(within(dialog).getByLabelText('Monthly price'), '14.999');
    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));
    expect(
      await within(dialog).findByText('Enter the monthly price, e.g. 14.99 (at most 2 decimals)'),
    ).toBeTruthy();

    await user.clear(within(dialog).getByLabelText('Monthly price'));
    await user.type(within(dialog).getByLabelText('Monthly price'), '14.99');
    await user.type(within(dialog).getByLabelText('Yearly price'), '149.9');
    await user.type(within(dialog).getByLabelText('Databases'), '10');
    await user.type(within(dialog).getByLabelText('Domains'), '5');
    await user.type(within(dialog).getByLabelText('Mailboxes'), '25');
    await user.type(within(dialog).getByLabelText('Disk (GB)'), '50');
    await user.type(within(dialog).getByLabelText('NextPanel package ID'), '4');
    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));

    expect(await screen.findByText('Plan created')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/plans')[0]?.body).toEqual({
      name: 'Reseller',
      description: null,
      price_monthly: 14.99,
      price_yearly: 149.9,
      currency: 'USD',
      max_databases: 10,
      max_domains: 5,
      max_email_accounts: 25,
      max_disk_gb: 50,
      nextpanel_package_id: 4,
      sort_order: 1,
      is_active: true,
    });
  });

  it('edits quotas and prices, sending only what changed', async () => {
    const { user, fetchMock } = renderAdminPage('/plans', {
      'GET /api/v1/plans': () => jsonResponse([makePlan()]),
      'PATCH /api/v1/plans/250ffe49-4c80-4299-be22-00e4906e8c85': () =>
        jsonResponse(makePlan({ max_disk_gb: 75, price_monthly: 16 })),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Professional Hosting' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Professional Hosting' });
    expect(within(dialog).getByText(/Licenses already sold keep their quotas/)).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('Disk (GB)'));
    await user.type(within(dialog).getByLabelText('Disk (GB)'), '75');
    await user.clear(within(dialog).getByLabelText('Monthly price'));
    await user.type(within(dialog).getByLabelText('Monthly price'), '16');
    await user.click(within(dialog).getByRole('button', { name: 'Save plan' }));

    expect(await screen.findByText('Plan saved')).toBeTruthy();
    expect(
      requestsTo(fetchMock, 'PATCH /api/v1/plans/250ffe49-4c80-4299-be22-00e4906e8c85')[0]?.body,
    ).toEqual({ price_monthly: 16, max_disk_gb: 75 });
  });

  it('puts a taken name on the name field', async () => {
    const { user } = renderAdminPage('/plans', {
      'GET /api/v1/plans': () => jsonResponse([makePlan()]),
      'PATCH /api/v1/plans/250ffe49-4c80-4299-be22-00e4906e8c85': () =>
        apiErrorResponse(409, {
          message: 'A plan named "Starter" already exists',
          code: 'PLAN_NAME_TAKEN',
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Professional Hosting' }));
    const name = screen.getByLabelText('Plan name');
    await user.clear(name);
    await user.type(name, 'Starter');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));

    expect(await screen.findByText('A plan named "Starter" already exists')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows an error state with a retry', async () => {
    renderAdminPage('/plans', {
      'GET /api/v1/plans': () => apiErrorResponse(500, { message: 'boom' }),
    });
    expect(await screen.findByText('Could not load plans')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
