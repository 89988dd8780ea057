import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LicenseResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeAccount, makeCustomerDetails, makeLicense, page } from '@/testing/fixtures';
import { makeLicenseEvent } from '@/testing/lifecycle-fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

// The page is a lazy route module: the first render of a file compiles it, slow on a busy machine.
const FIRST_PAINT = { timeout: 15_000 };

const active = makeLicense();
const suspended = makeLicense({
  id: 9,
  license_key: 'NP-SUSP-ENDE-D234',
  status: 'suspended',
  subscription: null,
});
const cancelled = makeLicense({
  id: 10,
  license_key: 'NP-CANC-ELLE-D567',
  status: 'cancelled',
  subscription: null,
});

function licensesApi(initial: LicenseResponse[]) {
  let licenses = initial;
  return {
    set: (next: LicenseResponse[]) => {
      licenses = next;
    },
    handlers: {
      'GET /api/v1/licenses': () => jsonResponse(page(licenses)),
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    },
  };
}

function rowOf(key: string): HTMLElement {
  return screen.getByText(key).closest('tr') as HTMLElement;
}

describe('license actions on the licenses page', () => {
  it('offers what the state machine allows', async () => {
    const api = licensesApi([active, suspended, cancelled]);
    renderAdminPage('/licenses', api.handlers);

    await screen.findByText('NP-7KQ2-M9XH-T4WC', {}, FIRST_PAINT);
    const enabled = (name: string) =>
      (screen.getByRole('button', { name }) as HTMLButtonElement).disabled === false;
    expect(enabled('Suspend license NP-7KQ2-M9XH-T4WC')).toBe(true);
    expect(enabled('Cancel license NP-7KQ2-M9XH-T4WC')).toBe(true);
    expect(enabled('Reactivate license NP-SUSP-ENDE-D234')).toBe(true);
    expect(enabled('Cancel license NP-SUSP-ENDE-D234')).toBe(true);
    // A cancelled license is final.
    expect(enabled('Suspend license NP-CANC-ELLE-D567')).toBe(false);
    expect(enabled('Cancel license NP-CANC-ELLE-D567')).toBe(false);
    expect(enabled('History of license NP-CANC-ELLE-D567')).toBe(true);
  });

  it('suspends with a reason and its accounts, then shows what happened to each account', async () => {
    const api = licensesApi([active]);
    const { user, fetchMock } = renderAdminPage('/licenses', {
      ...api.handlers,
      'POST /api/v1/licenses/7/suspend': () => {
        api.set([{ ...active, status: 'suspended' }]);
        return jsonResponse({
          license_id: 7,
          status: 'suspended',
          accounts: [
            { account_id: 11, outcome: 'done', detail: null },
            {
              account_id: 12,
              outcome: 'queued',
              detail: 'Server "Production Server 2" could not be reached',
            },
          ],
        });
      },
    });

    await user.click(
      await screen.findByRole('button', { name: 'Suspend license NP-7KQ2-M9XH-T4WC' }, FIRST_PAINT),
    );
    const dialog = screen.getByRole('dialog', { name: 'Suspend license NP-7KQ2-M9XH-T4WC?' });
    // The API's default for suspend: the accounts follow.
    expect(
      within(dialog).getByRole('checkbox', { name: 'Also suspend its hosting accounts' }),
    ).toHaveProperty('checked', true);
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Chargeback received');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend license' }));

    const result = await screen.findByRole('dialog', { name: 'License suspended' });
    const outcomes = within(result).getByRole('list', { name: 'Hosting accounts' });
    const [first, second] = within(outcomes).getAllByRole('listitem');
    expect(within(first!).getByText('Account #11')).toBeTruthy();
    expect(within(first!).getByText('Done')).toBeTruthy();
    expect(within(second!).getByText('Account #12')).toBeTruthy();
    expect(within(second!).getByText('Queued')).toBeTruthy();
    expect(within(second!).getByText(/could not be reached/)).toBeTruthy();
    expect(within(result).getByText('Queued: the panel is unreachable')).toBeTruthy();
    expect(screen.getByText('License suspended; 1 account queued')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/7/suspend')[0]?.body).toEqual({
      reason: 'Chargeback received',
      include_accounts: true,
    });

    await user.click(within(result).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The list was refreshed: the license is suspended now.
    expect(
      await screen.findByRole('button', { name: 'Reactivate license NP-7KQ2-M9XH-T4WC' }),
    ).toBeTruthy();
    expect(within(rowOf('NP-7KQ2-M9XH-T4WC')).getByText('Suspended')).toBeTruthy();
  });

  it('cancels without touching accounts by default, and shows a 409 in the dialog', async () => {
    const api = licensesApi([suspended]);
    const { user, fetchMock } = renderAdminPage('/licenses', {
      ...api.handlers,
      'POST /api/v1/licenses/9/cancel': () =>
        apiErrorResponse(409, {
          message: 'A cancelled license cannot be cancelled',
          code: 'INVALID_LICENSE_STATE',
        }),
    });

    await user.click(
      await screen.findByRole('button', { name: 'Cancel license NP-SUSP-ENDE-D234' }, FIRST_PAINT),
    );
    const dialog = screen.getByRole('dialog', { name: 'Cancel license NP-SUSP-ENDE-D234?' });
    const include = within(dialog).getByRole('checkbox', {
      name: 'Also terminate its hosting accounts',
    });
    expect(include).toHaveProperty('checked', false);
    expect(within(dialog).getByText(/This cannot be undone/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel license' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The license was not cancelled');
    expect(alert.textContent).toContain('A cancelled license cannot be cancelled');
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/9/cancel')[0]?.body).toEqual({
      include_accounts: false,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Keep license' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the license history: who changed what, when and why', async () => {
    const api = licensesApi([active]);
    const { user } = renderAdminPage('/licenses', {
      ...api.handlers,
      'GET /api/v1/licenses/7/events': () =>
        jsonResponse([
          makeLicenseEvent({
            id: '10',
            from_status: 'suspended',
            to_status: 'active',
            actor: 'system:automation.run',
            reason: 'Payment received',
          }),
          makeLicenseEvent(),
        ]),
    });

    await user.click(
      await screen.findByRole(
        'button',
        { name: 'History of license NP-7KQ2-M9XH-T4WC' },
        FIRST_PAINT,
      ),
    );
    const dialog = screen.getByRole('dialog', { name: 'History of license NP-7KQ2-M9XH-T4WC' });
    const timeline = await within(dialog).findByRole('list', {
      name: 'Status history of license NP-7KQ2-M9XH-T4WC',
    });
    const [latest, earlier] = within(timeline).getAllByRole('listitem');
    expect(within(latest!).getByText('Suspended → Active')).toBeTruthy();
    expect(within(latest!).getByText('By Automation')).toBeTruthy();
    expect(within(latest!).getByText('Payment received')).toBeTruthy();
    expect(within(earlier!).getByText('Active → Suspended')).toBeTruthy();
    expect(within(earlier!).getByText('By Admin #1')).toBeTruthy();
    expect(within(earlier!).getByText('Chargeback received')).toBeTruthy();
  });

  it('says when a license has no history yet, and when it cannot be loaded', async () => {
    let fail = true;
    const api = licensesApi([active]);
    const { user } = renderAdminPage('/licenses', {
      ...api.handlers,
      'GET /api/v1/licenses/7/events': () =>
        fail ? apiErrorResponse(500, { message: 'boom' }) : jsonResponse([]),
    });

    await user.click(
      await screen.findByRole(
        'button',
        { name: 'History of license NP-7KQ2-M9XH-T4WC' },
        FIRST_PAINT,
      ),
    );
    expect(await screen.findByText('Could not load the license history')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No status changes yet/)).toBeTruthy();
  });
});

describe('license actions on the customer page', () => {
  it('reactivates a suspended license and names the accounts that came back', async () => {
    const license = makeLicense({ status: 'suspended' });
    let details = makeCustomerDetails({
      licenses: [license],
      accounts: [makeAccount({ status: 'suspended', suspension_kind: 'admin' })],
    });
    const { user, fetchMock } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(details),
      'GET /api/v1/nextpanel/accounts/11/actions': () => jsonResponse([]),
      'GET /api/v1/nextpanel/accounts/11/events': () => jsonResponse([]),
      'GET /api/v1/licenses': () => jsonResponse(page([])),
      'GET /api/v1/nextpanel/accounts': () => jsonResponse(page([])),
      'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
      'POST /api/v1/licenses/7/reactivate': () => {
        details = {
          ...details,
          licenses: [{ ...license, status: 'active' }],
          accounts: [makeAccount()],
        };
        return jsonResponse({
          license_id: 7,
          status: 'active',
          accounts: [{ account_id: 11, outcome: 'done', detail: null }],
        });
      },
    });

    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Reactivate license NP-7KQ2-M9XH-T4WC' },
        FIRST_PAINT,
      ),
    );
    const dialog = screen.getByRole('dialog', { name: 'Reactivate license NP-7KQ2-M9XH-T4WC?' });
    const include = within(dialog).getByRole('checkbox', {
      name: 'Also unsuspend its hosting accounts',
    });
    expect(include).toHaveProperty('checked', true);
    expect(
      within(dialog).getByText(/come back online too\. \(1 live account on this license\.\)/),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate license' }));

    const result = await screen.findByRole('dialog', { name: 'License reactivated' });
    const outcome = within(
      within(result).getByRole('list', { name: 'Hosting accounts' }),
    ).getByRole('listitem');
    expect(within(outcome).getByText('johndoe')).toBeTruthy();
    expect(within(outcome).getByText('Done')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/7/reactivate')[0]?.body).toEqual({
      include_accounts: true,
    });
    await user.click(within(result).getByRole('button', { name: 'Done' }));
    expect(
      await screen.findByRole('button', { name: 'Suspend license NP-7KQ2-M9XH-T4WC' }),
    ).toBeTruthy();
  });

  it('closes at once when no account was concerned', async () => {
    const { user } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails({ accounts: [] })),
      'GET /api/v1/licenses': () => jsonResponse(page([])),
      'POST /api/v1/licenses/7/suspend': () =>
        jsonResponse({ license_id: 7, status: 'suspended', accounts: [] }),
    });
    await user.click(
      await screen.findByRole('button', { name: 'Suspend license NP-7KQ2-M9XH-T4WC' }, FIRST_PAINT),
    );
    await user.click(screen.getByRole('button', { name: 'Suspend license' }));
    expect(await screen.findByText('License suspended')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
