import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CustomerDetailsResponse, HostingAccountStatsResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeAccount, makeCustomerDetails, makeLicense, makePlan } from '@/testing/fixtures';
import { actionResult, makeAccountAction } from '@/testing/lifecycle-fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

const starter = makePlan({
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Starter',
  price_monthly: 4.99,
  price_yearly: 49.9,
  max_domains: 1,
});
const professional = makePlan();
const retired = makePlan({
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Legacy',
  is_active: false,
});

function customerStore(initial: CustomerDetailsResponse) {
  let details = initial;
  return {
    get: () => jsonResponse(details),
    set: (next: Partial<CustomerDetailsResponse>) => {
      details = { ...details, ...next };
    },
  };
}

describe('add product', () => {
  it('sells a plan on a yearly cycle and shows the new license key', async () => {
    const customer = customerStore(makeCustomerDetails({ licenses: [], accounts: [] }));
    const license = makeLicense({
      id: 8,
      license_key: 'NP-ABCD-EFGH-JKMN',
      billing_cycle: 'yearly',
    });
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': customer.get,
      'GET /api/v1/plans': () => jsonResponse([starter, professional, retired]),
      'POST /api/v1/customers/2/licenses': () => {
        customer.set({ licenses: [license] });
        return jsonResponse(license, { status: 201 });
      },
    });

    expect(await screen.findByRole('heading', { name: 'No products yet' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Add product' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'Add product' });

    // Plans not on sale are not offered; the first plan on sale is preselected.
    expect(await within(dialog).findByRole('radio', { name: 'Starter' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(dialog).queryByRole('radio', { name: 'Legacy' })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Professional Hosting' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Yearly' }));
    expect(within(dialog).getByText('Billed once a year · save 17%')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Add product' }));

    expect(await screen.findByText('Product added')).toBeTruthy();
    expect(
      screen.getByText('Professional Hosting (yearly): license NP-ABCD-EFGH-JKMN'),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('NP-ABCD-EFGH-JKMN')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/customers/2/licenses')[0]?.body).toEqual({
      plan_id: professional.id,
      billing_cycle: 'yearly',
      create_subscription: true,
    });
  });

  it('shows the API’s refusal inside the dialog', async () => {
    const { user } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
      'GET /api/v1/plans': () => jsonResponse([professional]),
      'POST /api/v1/customers/2/licenses': () =>
        apiErrorResponse(409, {
          message: 'The plan "Professional Hosting" is no longer sold',
          code: 'PLAN_INACTIVE',
        }),
    });

    await user.click((await screen.findAllByRole('button', { name: 'Add product' }))[0]!);
    const dialog = screen.getByRole('dialog', { name: 'Add product' });
    await user.click(await within(dialog).findByRole('button', { name: 'Add product' }));

    expect(
      await within(dialog).findByText('The plan "Professional Hosting" is no longer sold'),
    ).toBeTruthy();
  });

  it('says when there is no plan to sell', async () => {
    const { user } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
      'GET /api/v1/plans': () => jsonResponse([retired]),
    });
    await user.click((await screen.findAllByRole('button', { name: 'Add product' }))[0]!);
    expect(await screen.findByText('No plans on sale')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to plans' })).toBeTruthy();
  });
});

describe('hosting account actions', () => {
  it('suspends with a reason, then unsuspends', async () => {
    const account = makeAccount();
    const customer = customerStore(makeCustomerDetails({ accounts: [account] }));
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': customer.get,
      'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
      'GET /api/v1/nextpanel/accounts/11/actions': () => jsonResponse([]),
      'POST /api/v1/nextpanel/accounts/11/suspend': (request) => {
        const suspended = {
          ...account,
          status: 'suspended' as const,
          status_reason: (request.body as { reason: string }).reason,
          suspension_kind: 'admin' as const,
        };
        customer.set({ accounts: [suspended] });
        return jsonResponse(actionResult(suspended, makeAccountAction()));
      },
      'POST /api/v1/nextpanel/accounts/11/unsuspend': () => {
        customer.set({ accounts: [account] });
        return jsonResponse(actionResult(account, makeAccountAction({ action: 'unsuspend' })));
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Suspend johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend johndoe?' });
    await user.click(within(dialog).getByRole('button', { name: 'Suspend account' }));
    expect(await within(dialog).findByText('Say why the account is suspended')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Payment overdue' }));
    await user.click(within(dialog).getByRole('button', { name: 'Suspend account' }));

    expect(await screen.findByText('Account suspended')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/suspend')[0]?.body).toEqual({
      reason: 'Payment overdue',
      suspension_kind: 'admin',
      notify_customer: true,
    });
    expect(await screen.findByText('Suspended')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Unsuspend johndoe' }));
    const confirm = screen.getByRole('dialog', { name: 'Unsuspend johndoe?' });
    expect(within(confirm).getByText(/It was suspended for: “Payment overdue”/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Unsuspend account' }));
    expect(await screen.findByText('Account unsuspended')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/unsuspend')[0]?.body).toEqual({
      notify_customer: true,
    });
  });

  it('terminates only after confirmation, and shows a refusal in the dialog', async () => {
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
      'GET /api/v1/nextpanel/accounts/11/actions': () => jsonResponse([]),
      'DELETE /api/v1/nextpanel/accounts/11': () =>
        apiErrorResponse(502, {
          message: 'Server "Production Server 1" could not be reached while deleting the account',
          code: 'PANEL_UNAVAILABLE',
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Terminate johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Terminate johndoe?' });
    expect(within(dialog).getByText('This cannot be undone.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(requestsTo(fetchMock, 'DELETE /api/v1/nextpanel/accounts/11')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Terminate johndoe' }));
    await user.click(screen.getByRole('button', { name: 'Terminate account' }));
    // A 502 carries the panel's own reason: that is what the admin needs to read.
    expect(
      await screen.findByText(
        'The panel did not do it: Server "Production Server 1" could not be reached while deleting the account',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Terminate johndoe?' })).toBeTruthy();
  });

  it('shows usage statistics against the license’s quotas', async () => {
    const stats: HostingAccountStatsResponse = {
      account_id: 11,
      user_id: 456,
      username: 'johndoe',
      email: 'john@acme.com',
      total_domains: 3,
      total_databases: 4,
      total_email_accounts: 12,
      total_ssl_certificates: 2,
      storage_used: 1536,
      last_login: null,
      account_age_days: 30,
    };
    const { user } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
      'GET /api/v1/nextpanel/accounts/11/stats': () => jsonResponse(stats),
      'GET /api/v1/nextpanel/accounts/11': () =>
        jsonResponse({ ...makeAccount(), panel: { reachable: true, status: 'active' } }),
    });

    await user.click(await screen.findByRole('button', { name: 'Usage of johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Usage of johndoe' });
    expect(await within(dialog).findByRole('meter', { name: 'Domains used' })).toHaveProperty(
      'ariaValueText',
      '3 / 5 (60%)',
    );
    expect(within(dialog).getByText('1.5 GB')).toBeTruthy();
    expect(within(dialog).getByText('30 days')).toBeTruthy();
    expect(within(dialog).getByText('#456 (johndoe)')).toBeTruthy();
    expect((await within(dialog).findByText(/On the panel/)).textContent).toBe(
      'On the panel: active',
    );
  });

  it('deactivates the customer after confirmation', async () => {
    const customer = customerStore(makeCustomerDetails());
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': customer.get,
      'GET /api/v1/customers': () =>
        jsonResponse({ items: [], total: 0, page: 1, page_size: 20, pages: 0 }),
      'PATCH /api/v1/customers/2': () => {
        customer.set({ is_active: false });
        return jsonResponse({ ...makeCustomerDetails(), is_active: false });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Deactivate' }));
    await user.click(screen.getByRole('button', { name: 'Deactivate customer' }));

    expect(await screen.findByText('This customer is deactivated')).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/customers/2')[0]?.body).toEqual({
      is_active: false,
    });
    expect(screen.getByRole('button', { name: 'Provision account' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
