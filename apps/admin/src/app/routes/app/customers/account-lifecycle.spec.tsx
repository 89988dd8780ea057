import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  AccountActionResponse,
  CustomerDetailsResponse,
  HostingAccountSummary,
} from '@nextpanel/shared';
import { formatDateTime } from '@/lib/format';
import { apiErrorResponse, jsonResponse, type MockHandler } from '@/testing/api-mocks';
import { makeAccount, makeCustomerDetails, makePlan } from '@/testing/fixtures';
import {
  actionResult,
  makeAccountAction,
  makeAccountEvent,
  makeQueuedAction,
} from '@/testing/lifecycle-fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

// The page is a lazy route module: the first render of a file compiles it, slow on a busy machine.
const FIRST_PAINT = { timeout: 15_000 };

const professional = makePlan();
const business = makePlan({
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Business',
  max_databases: 50,
  max_domains: 20,
  max_email_accounts: 100,
  max_disk_gb: 200,
  price_monthly: 29.99,
  price_yearly: 299.9,
  nextpanel_package_id: 3,
  sort_order: 3,
});
const retired = makePlan({
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Legacy',
  is_active: false,
});

/** The customer page's API: the details (changeable) and the account's actions and events. */
function customerApi(
  initial: { accounts?: HostingAccountSummary[] } = {},
  extra: Record<string, MockHandler> = {},
) {
  let details: CustomerDetailsResponse = makeCustomerDetails(initial);
  let actions: AccountActionResponse[] = [];
  return {
    setAccounts: (accounts: HostingAccountSummary[]) => {
      details = { ...details, accounts };
    },
    setActions: (next: AccountActionResponse[]) => {
      actions = next;
    },
    handlers: {
      'GET /api/v1/customers/2': () => jsonResponse(details),
      'GET /api/v1/nextpanel/accounts/11/actions': () => jsonResponse(actions),
      'GET /api/v1/nextpanel/accounts/11/events': () => jsonResponse([]),
      'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
      'GET /api/v1/plans': () => jsonResponse([professional, business, retired]),
      ...extra,
    } satisfies Record<string, MockHandler>,
  };
}

describe('suspend', () => {
  it('sends the reason kind and notice choice; a 202 is announced as queued and the account shows it pending', async () => {
    const queued = makeQueuedAction({
      params: { reason: 'Abuse report', suspension_kind: 'non_payment' },
    });
    const customer = customerApi();
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'POST /api/v1/nextpanel/accounts/11/suspend': () => {
        // The panel did not answer: the account is unchanged, the action waits in the queue.
        customer.setActions([queued]);
        return jsonResponse(actionResult(makeAccount(), queued), { status: 202 });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Suspend johndoe' }, FIRST_PAINT));
    const dialog = screen.getByRole('dialog', { name: 'Suspend johndoe?' });
    expect(within(dialog).getByRole('combobox', { name: 'Reason kind' })).toHaveProperty(
      'value',
      'admin',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Abuse report' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Reason kind' }), [
      'Non-payment',
    ]);
    const notify = within(dialog).getByRole('checkbox', { name: 'Notify customer' });
    expect(notify).toHaveProperty('checked', true);
    await user.click(notify);
    await user.click(within(dialog).getByRole('button', { name: 'Suspend account' }));

    expect(await screen.findByText('Queued: the panel is unreachable')).toBeTruthy();
    expect(
      screen.getByText(/Billing retries automatically; johndoe shows as pending/),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/suspend')[0]?.body).toEqual({
      reason: 'Abuse report',
      suspension_kind: 'non_payment',
      notify_customer: false,
    });

    // The row says the suspend is pending, and why the panel has not done it yet.
    const row = screen.getByText('johndoe').closest('tr') as HTMLElement;
    expect(await within(row).findByText('Suspend pending')).toBeTruthy();
    expect(
      within(row).getByText(/retrying \(attempt 1\): Server "Production Server 1"/),
    ).toBeTruthy();
  });

  it('shows a 409 refusal in the dialog and keeps it open', async () => {
    const customer = customerApi();
    const { user } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'POST /api/v1/nextpanel/accounts/11/suspend': () =>
        apiErrorResponse(409, {
          message:
            'Another action (change_plan) is still running on this account; try again when it is done',
          code: 'ACCOUNT_ACTION_IN_PROGRESS',
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Suspend johndoe' }, FIRST_PAINT));
    const dialog = screen.getByRole('dialog', { name: 'Suspend johndoe?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Spam');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend account' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The account was not suspended');
    expect(alert.textContent).toContain('Another action (change_plan) is still running');
    expect(screen.getByRole('dialog', { name: 'Suspend johndoe?' })).toBeTruthy();
  });

  it('shows the kind of a suspension and offers to notify on unsuspend', async () => {
    const suspended = makeAccount({
      status: 'suspended',
      status_reason: 'Invoice #12 overdue',
      suspension_kind: 'non_payment',
    });
    const customer = customerApi({ accounts: [suspended] });
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'POST /api/v1/nextpanel/accounts/11/unsuspend': () => {
        customer.setAccounts([makeAccount()]);
        return jsonResponse(
          actionResult(makeAccount(), makeAccountAction({ action: 'unsuspend' })),
        );
      },
    });

    const row = (await screen.findByText('johndoe', {}, FIRST_PAINT)).closest('tr') as HTMLElement;
    expect(within(row).getByText('Non-payment')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Unsuspend johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Unsuspend johndoe?' });
    expect(within(dialog).getByText(/lifted automatically once the customer pays/)).toBeTruthy();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Notify customer' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unsuspend account' }));

    expect(await screen.findByText('Account unsuspended')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/unsuspend')[0]?.body).toEqual({
      notify_customer: false,
    });
  });
});

describe('terminate', () => {
  it('sends the reason with the request', async () => {
    const customer = customerApi();
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'DELETE /api/v1/nextpanel/accounts/11': () => {
        const terminated = makeAccount({ status: 'terminated', status_reason: 'Fraud' });
        customer.setAccounts([terminated]);
        return jsonResponse(actionResult(terminated, makeAccountAction({ action: 'terminate' })));
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Terminate johndoe' }, FIRST_PAINT));
    const dialog = screen.getByRole('dialog', { name: 'Terminate johndoe?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Fraud');
    await user.click(within(dialog).getByRole('button', { name: 'Terminate account' }));

    expect(await screen.findByText('Account terminated')).toBeTruthy();
    expect(
      requestsTo(fetchMock, 'DELETE /api/v1/nextpanel/accounts/11')[0]?.query.get('reason'),
    ).toBe('Fraud');
    expect(await screen.findByText('Terminated')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Terminate johndoe' })).toBeNull();
  });
});

describe('change plan', () => {
  it('compares the new plan’s quotas with the current ones and moves the account', async () => {
    const customer = customerApi();
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'GET /api/v1/licenses': () =>
        jsonResponse({ items: [], total: 0, page: 1, page_size: 20, pages: 0 }),
      'POST /api/v1/nextpanel/accounts/11/change-plan': () =>
        jsonResponse(
          actionResult(
            makeAccount({ package_id: 3 }),
            makeAccountAction({ action: 'change_plan' }),
          ),
        ),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT),
    );
    await user.click(screen.getByRole('button', { name: 'Change the plan of johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the plan of johndoe' });
    const select = await within(dialog).findByRole('combobox', { name: 'New plan' });
    // The current plan is not a choice; plans no longer sold are not offered.
    expect(
      within(select).getByRole('option', { name: 'Professional Hosting (current plan)' }),
    ).toHaveProperty('disabled', true);
    expect(within(select).queryByRole('option', { name: 'Legacy' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Change plan' }));
    expect(await within(dialog).findByText('Choose the new plan')).toBeTruthy();

    await user.selectOptions(select, ['Business']);
    const table = within(dialog).getByRole('table', { name: /current plan and Business/ });
    const databases = within(table).getByRole('row', { name: /Databases/ });
    expect(within(databases).getByText('10')).toBeTruthy();
    expect(within(databases).getByText('50')).toBeTruthy();
    const disk = within(table).getByRole('row', { name: /Disk/ });
    expect(within(disk).getByText('50 GB')).toBeTruthy();
    expect(within(disk).getByText('200 GB')).toBeTruthy();
    const price = within(table).getByRole('row', { name: /Price/ });
    expect(within(price).getByText('$14.99 / month')).toBeTruthy();
    expect(within(price).getByText('$29.99 / month')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Change plan' }));
    expect(await screen.findByText('Plan changed')).toBeTruthy();
    expect(screen.getByText('johndoe is now on Business.')).toBeTruthy();
    expect(
      requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/change-plan')[0]?.body,
    ).toEqual({ plan_id: business.id, notify_customer: true });
  });

  it('shows PLAN_HAS_NO_PANEL_PACKAGE in the dialog', async () => {
    const customer = customerApi();
    const { user } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'POST /api/v1/nextpanel/accounts/11/change-plan': () =>
        apiErrorResponse(409, {
          message: 'Neither the plan nor the account names a panel package to switch to',
          code: 'PLAN_HAS_NO_PANEL_PACKAGE',
        }),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT),
    );
    await user.click(screen.getByRole('button', { name: 'Change the plan of johndoe' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the plan of johndoe' });
    await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'New plan' }), [
      'Business',
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Change plan' }));
    expect(
      await within(dialog).findByText(
        'Neither the plan nor the account names a panel package to switch to',
      ),
    ).toBeTruthy();
  });

  it('is not offered for an account without a license, nor anything for a terminated one', async () => {
    const customer = customerApi({
      accounts: [
        makeAccount({ license_id: null }),
        makeAccount({ id: 12, username: 'oldsite', status: 'terminated' }),
      ],
    });
    const { user } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'GET /api/v1/nextpanel/accounts/12/actions': () => jsonResponse([]),
      'GET /api/v1/nextpanel/accounts/12/events': () => jsonResponse([]),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT),
    );
    expect(screen.getByRole('button', { name: 'Change the plan of johndoe' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByText('No license, so no plan to change.')).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Reset the panel password of johndoe' }),
    ).toHaveProperty('disabled', false);

    await user.click(screen.getByRole('button', { name: 'Details of oldsite' }));
    expect(screen.getByRole('button', { name: 'Change the plan of oldsite' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(
      screen.getByRole('button', { name: 'Reset the panel password of oldsite' }),
    ).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Suspend oldsite' })).toBeNull();
  });
});

describe('reset panel password', () => {
  it('explains the password goes to the customer by email, then asks the panel', async () => {
    const customer = customerApi();
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'POST /api/v1/nextpanel/accounts/11/reset-password': () =>
        jsonResponse(actionResult(makeAccount(), makeAccountAction({ action: 'reset_password' }))),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT),
    );
    await user.click(screen.getByRole('button', { name: 'Reset the panel password of johndoe' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Reset the panel password of johndoe?',
    });
    expect(within(dialog).getByText(/billing emails it to/).textContent).toContain('john@acme.com');
    expect(within(dialog).getByText(/never shown to you or stored by billing/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Reset password' }));

    expect(await screen.findByText('Panel password reset')).toBeTruthy();
    expect(
      requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/reset-password')[0]?.body,
    ).toEqual({ notify_customer: true });
  });
});

describe('account history', () => {
  it('shows the state changes (who, what, when, why) and the lifecycle actions, pending ones first', async () => {
    const customer = customerApi({
      accounts: [makeAccount({ status: 'suspended', suspension_kind: 'admin' })],
    });
    customer.setActions([
      makeQueuedAction({
        id: '33',
        action: 'unsuspend',
        params: {},
        attempts: 3,
        requested_by: 'system:automation.run',
      }),
      makeAccountAction({ id: '32', action: 'change_plan', params: { plan_id: business.id } }),
      makeAccountAction(),
    ]);
    const { user } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'GET /api/v1/nextpanel/accounts/11/events': () =>
        jsonResponse([
          makeAccountEvent({ id: '19', actor: 'admin:1' }),
          makeAccountEvent({
            id: '18',
            from_status: 'suspended',
            to_status: 'active',
            actor: 'system:automation.run',
            reason: 'Payment received',
          }),
          makeAccountEvent({
            id: '17',
            from_status: null,
            to_status: 'active',
            actor: 'system:orders.fulfil',
            reason: null,
          }),
        ]),
    });

    const toggle = await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // Even collapsed, the row says an action is waiting for its panel.
    expect(await screen.findByText('Unsuspend pending')).toBeTruthy();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const timeline = await screen.findByRole('list', { name: 'State history of johndoe' });
    const events = within(timeline).getAllByRole('listitem');
    expect(events).toHaveLength(3);
    expect(within(events[0]!).getByText('Active → Suspended')).toBeTruthy();
    expect(within(events[0]!).getByText('By Admin #1')).toBeTruthy();
    expect(within(events[0]!).getByText('Payment overdue')).toBeTruthy();
    expect(within(events[1]!).getByText('Suspended → Active')).toBeTruthy();
    expect(within(events[1]!).getByText('By Automation')).toBeTruthy();
    expect(within(events[2]!).getByText('New → Active')).toBeTruthy();
    expect(within(events[2]!).getByText('By Order fulfilment')).toBeTruthy();
    expect(within(events[0]!).getByText(formatDateTime('2026-11-26T10:00:00.000Z'))).toBeTruthy();

    const actions = screen.getByRole('table', { name: 'Lifecycle actions' });
    const [, pending, planChange, done] = within(actions).getAllByRole('row');
    expect(within(pending!).getByText('Unsuspend')).toBeTruthy();
    expect(within(pending!).getByText('Queued')).toBeTruthy();
    expect(within(pending!).getByText('Retrying automatically')).toBeTruthy();
    expect(within(pending!).getByText('3')).toBeTruthy();
    expect(within(pending!).getByText(/Last error: Server "Production Server 1"/)).toBeTruthy();
    expect(within(pending!).getByText('by Automation')).toBeTruthy();
    expect(within(planChange!).getByText('to Business')).toBeTruthy();
    expect(within(done!).getByText('Succeeded')).toBeTruthy();
    expect(within(done!).getByText('Admin hold · “Payment overdue”')).toBeTruthy();
    expect(within(done!).getByText('by Admin #1')).toBeTruthy();

    await user.click(toggle);
    expect(screen.queryByRole('list', { name: 'State history of johndoe' })).toBeNull();
  });

  it('has an empty state, and an error state with a retry', async () => {
    let eventsFail = true;
    const customer = customerApi();
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      ...customer.handlers,
      'GET /api/v1/nextpanel/accounts/11/events': () =>
        eventsFail
          ? apiErrorResponse(404, { message: 'Hosting account not found' })
          : jsonResponse([]),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Details of johndoe' }, FIRST_PAINT),
    );
    expect(await screen.findByText('Could not load the state history')).toBeTruthy();
    expect(screen.getByText('Hosting account not found')).toBeTruthy();
    expect(await screen.findByText(/No suspend, unsuspend, plan change/)).toBeTruthy();

    eventsFail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No state changes recorded yet.')).toBeTruthy();
    expect(requestsTo(fetchMock, 'GET /api/v1/nextpanel/accounts/11/events')).toHaveLength(2);
  });
});
