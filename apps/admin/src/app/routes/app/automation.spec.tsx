import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  AutomationRunDetailResponse,
  AutomationRunResponse,
  AutomationSettings,
} from '@nextpanel/shared';
import { automationSettingsSchema } from '@/features/automation/components/automation-settings-form';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { emptyInstallHandlers, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const settings: AutomationSettings = {
  enabled: true,
  expiry_warning_days: [7, 1],
  renewal_reminder_days: 7,
  suspend_enabled: true,
  suspend_after_days_overdue: 3,
  unsuspend_on_payment: true,
  terminate_enabled: false,
  terminate_after_days_suspended: 30,
};

function makeRun(overrides: Partial<AutomationRunResponse> = {}): AutomationRunResponse {
  return {
    id: '12',
    trigger: 'schedule',
    status: 'partial',
    as_of: '2026-11-26T12:00:00.000Z',
    requested_by: null,
    started_at: '2026-11-26T12:00:01.000Z',
    finished_at: '2026-11-26T12:00:03.500Z',
    duration_ms: 2500,
    counts: { expiry_warning: 2, suspend_license: 1, suspend_account: 1 },
    total_items: 5,
    failed_items: 1,
    skipped_items: 0,
    error: null,
    created_at: '2026-11-26T12:00:00.500Z',
    ...overrides,
  };
}

const partialRun = makeRun();
const quietRun = makeRun({
  id: '11',
  status: 'succeeded',
  counts: {},
  total_items: 0,
  failed_items: 0,
  duration_ms: 40,
});

const partialDetail: AutomationRunDetailResponse = {
  ...partialRun,
  items: [
    {
      id: '101',
      kind: 'suspend_license',
      outcome: 'done',
      license_id: 7,
      license_key: 'NP-AB12-CD34-EF56',
      account_id: null,
      account_username: null,
      subscription_id: 7,
      customer_id: 2,
      customer_email: 'jane@example.com',
      detail: 'Payment overdue: the paid period ended on 23 November 2026 and was not renewed',
      account_action: null,
      created_at: '2026-11-26T12:00:02.000Z',
    },
    {
      id: '102',
      kind: 'suspend_account',
      outcome: 'queued',
      license_id: 7,
      license_key: 'NP-AB12-CD34-EF56',
      account_id: 12,
      account_username: 'janedoe',
      subscription_id: 7,
      customer_id: 2,
      customer_email: 'jane@example.com',
      detail: 'Server "Production" answered 500 while suspending the account',
      account_action: {
        id: '311',
        status: 'failed',
        last_error: 'Server "Production" answered 500',
      },
      created_at: '2026-11-26T12:00:02.500Z',
    },
    {
      id: '103',
      kind: 'suspend_account',
      outcome: 'failed',
      license_id: 8,
      license_key: 'NP-ZZ99-YY88-XX77',
      account_id: 13,
      account_username: 'bobsmith',
      subscription_id: 8,
      customer_id: 3,
      customer_email: 'bob@example.com',
      detail: 'Server "Production" does not know this account (PANEL_ACCOUNT_MISSING)',
      account_action: null,
      created_at: '2026-11-26T12:00:03.000Z',
    },
  ],
};

const handlers = (overrides: Record<string, () => Response> = {}) => ({
  ...emptyInstallHandlers(),
  'GET /api/v1/automation/settings': () => jsonResponse(settings),
  'GET /api/v1/automation/runs': () => jsonResponse(page([partialRun, quietRun])),
  'GET /api/v1/automation/runs/12': () => jsonResponse(partialDetail),
  ...overrides,
});

describe('Automation page', () => {
  it('is reachable from the sidebar and lists runs with trigger, duration, status and what they did', async () => {
    const { user, router } = renderAdminPage('/', handlers());
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Automation' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Automation' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/automation');

    await screen.findByRole('button', { name: 'Show what run #12 did' });
    const table = screen.getByRole('table', { name: 'Automation runs' });
    const partialRow = within(table)
      .getByRole('button', { name: 'Show what run #12 did' })
      .closest('tr')!;
    expect(within(partialRow).getByText('Scheduled')).toBeTruthy();
    expect(within(partialRow).getByText('2.5 s')).toBeTruthy();
    expect(within(partialRow).getByText('Partly failed')).toBeTruthy();
    expect(
      within(partialRow).getByText('2 expiry warnings, 1 license suspended, 1 account suspended'),
    ).toBeTruthy();
    expect(within(partialRow).getByText('1 failure')).toBeTruthy();
    const quietRow = within(table)
      .getByRole('button', { name: 'Show what run #11 did' })
      .closest('tr')!;
    expect(within(quietRow).getByText('Nothing to do')).toBeTruthy();
    expect(within(quietRow).getByText('Succeeded')).toBeTruthy();
  });

  it('opens a run to show each item, with failures and actions the panel gave up on highlighted', async () => {
    const { user } = renderAdminPage('/automation', handlers());
    await user.click(await screen.findByRole('button', { name: 'Show what run #12 did' }));
    const items = await screen.findByRole('table', { name: 'What run #12 did' });
    const rows = within(items).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);

    expect(within(rows[0]!).getByText('License suspended')).toBeTruthy();
    expect(within(rows[0]!).getByText('Done')).toBeTruthy();
    expect(
      within(rows[0]!).getByRole('link', { name: 'jane@example.com' }).getAttribute('href'),
    ).toBe('/customers/2');
    expect(rows[0]!.className).toBe('');

    expect(within(rows[1]!).getByText('Waiting for the panel')).toBeTruthy();
    expect(within(rows[1]!).getByText('janedoe')).toBeTruthy();
    expect(
      within(rows[1]!).getByText(
        'Gave up: Server "Production" answered 500. Retry it from the provisioning queue.',
      ),
    ).toBeTruthy();
    expect(rows[1]!.className).not.toBe('');

    expect(within(rows[2]!).getByText('Failed')).toBeTruthy();
    expect(
      within(rows[2]!).getByText(
        'Server "Production" does not know this account (PANEL_ACCOUNT_MISSING)',
      ),
    ).toBeTruthy();
    expect(rows[2]!.className).not.toBe('');

    await user.click(screen.getByRole('button', { name: 'Hide what run #12 did' }));
    expect(screen.queryByRole('table', { name: 'What run #12 did' })).toBeNull();
  });

  it('filters to runs that did something, through the URL', async () => {
    const { user, fetchMock, router } = renderAdminPage('/automation', handlers());
    await screen.findByRole('button', { name: 'Show what run #12 did' });
    await user.click(screen.getByRole('checkbox', { name: 'Only runs that did something' }));
    await waitFor(() =>
      expect(
        requestsTo(fetchMock, 'GET /api/v1/automation/runs').some(
          (r) => r.query.get('with_items') === 'true',
        ),
      ).toBe(true),
    );
    expect(currentUrl(router)).toBe('/automation?with_items=true');
  });

  it('shows an empty state, and an error state with retry', async () => {
    let fail = true;
    const { user } = renderAdminPage(
      '/automation',
      handlers({
        'GET /api/v1/automation/runs': () =>
          fail
            ? apiErrorResponse(500, { message: 'Database unavailable' })
            : jsonResponse(page([])),
      }),
    );
    expect(await screen.findByText('Could not load the automation runs')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: /try again/i }));
    expect(await screen.findByRole('heading', { name: 'No runs yet' })).toBeTruthy();
  });

  it('runs now on request and says so; a refusal is explained', async () => {
    let runs = [quietRun];
    let busy = false;
    const { user, fetchMock } = renderAdminPage(
      '/automation',
      handlers({
        'GET /api/v1/automation/runs': () => jsonResponse(page(runs)),
        'POST /api/v1/automation/run': () => {
          if (busy)
            return apiErrorResponse(409, {
              message: 'Run #13 is queued; runs go one at a time',
              code: 'AUTOMATION_RUN_IN_PROGRESS',
            });
          const queued = makeRun({
            id: '13',
            trigger: 'manual',
            status: 'succeeded',
            requested_by: 'admin:1',
            counts: {},
            total_items: 0,
            failed_items: 0,
          });
          runs = [queued, quietRun];
          busy = true;
          return jsonResponse({ ...queued, status: 'queued' }, { status: 202 });
        },
      }),
    );
    const runNow = await screen.findByRole('button', { name: 'Run now' });
    await waitFor(() => expect((runNow as HTMLButtonElement).disabled).toBe(false));
    await user.click(runNow);
    expect(await screen.findByText('Run #13 queued')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/automation/run')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Show what run #13 did' })).toBeTruthy();
    expect(screen.getByText('admin:1')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('Run #13 is queued; runs go one at a time')).toBeTruthy();
  });

  it('says when the automation is off and does not offer to run it', async () => {
    renderAdminPage(
      '/automation',
      handlers({
        'GET /api/v1/automation/settings': () => jsonResponse({ ...settings, enabled: false }),
      }),
    );
    expect(await screen.findByText('The automation is switched off')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run now' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  describe('settings', () => {
    it('shows the settings, checks them before sending, and saves the changed values', async () => {
      const { user, fetchMock } = renderAdminPage(
        '/automation',
        handlers({
          'PUT /api/v1/automation/settings': () =>
            jsonResponse({
              ...settings,
              expiry_warning_days: [14, 1],
              suspend_after_days_overdue: 5,
              terminate_enabled: true,
            }),
        }),
      );
      const form = await screen.findByRole('form', { name: 'Automation settings' });
      const warnings = within(form).getByLabelText<HTMLInputElement>(
        'Expiry warnings (days before)',
      );
      expect(warnings.value).toBe('7, 1');
      const grace = within(form).getByLabelText<HTMLInputElement>('Suspend after (days overdue)');
      expect(grace.value).toBe('3');
      const save = within(form).getByRole<HTMLButtonElement>('button', { name: 'Save settings' });
      expect(save.disabled).toBe(true);

      await user.clear(warnings);
      await user.type(warnings, '7, soon');
      await user.clear(grace);
      await user.type(grace, '400');
      await user.click(save);
      expect(
        await within(form).findByText(
          'Enter days separated by commas, e.g. 7, 1 (or leave empty for none)',
        ),
      ).toBeTruthy();
      expect(within(form).getByText('At most 365 days')).toBeTruthy();
      expect(requestsTo(fetchMock, 'PUT /api/v1/automation/settings')).toHaveLength(0);

      await user.clear(warnings);
      await user.type(warnings, '14, 1, 14');
      await user.clear(grace);
      await user.type(grace, '5');
      await user.click(
        within(form).getByRole('switch', {
          name: 'Terminate accounts left suspended for non-payment',
        }),
      );
      expect(within(form).getByText('Termination is on')).toBeTruthy();
      await user.click(save);

      expect(await screen.findByText('Automation settings saved')).toBeTruthy();
      const [sent] = requestsTo(fetchMock, 'PUT /api/v1/automation/settings');
      expect(sent!.body).toEqual({
        ...settings,
        expiry_warning_days: [14, 1],
        suspend_after_days_overdue: 5,
        terminate_enabled: true,
      });
      await waitFor(() => expect(warnings.value).toBe('14, 1'));
      expect(save.disabled).toBe(true);
    });

    it('shows the API’s refusal on the field it is about', async () => {
      const { user } = renderAdminPage(
        '/automation',
        handlers({
          'PUT /api/v1/automation/settings': () =>
            apiErrorResponse(400, {
              message: 'renewal_reminder_days must not be greater than 90',
              code: 'VALIDATION_FAILED',
              details: [
                {
                  field: 'renewal_reminder_days',
                  message: 'renewal_reminder_days must not be greater than 90',
                },
              ],
            }),
        }),
      );
      const form = await screen.findByRole('form', { name: 'Automation settings' });
      const reminder = within(form).getByLabelText('Renewal reminder (days before)');
      await user.clear(reminder);
      await user.type(reminder, '30');
      await user.click(within(form).getByRole('button', { name: 'Save settings' }));
      expect(
        await within(form).findByText('Renewal_reminder_days must not be greater than 90'),
      ).toBeTruthy();
      expect(reminder.getAttribute('aria-invalid')).toBe('true');
    });

    it('shows an error state with retry when the settings do not load', async () => {
      let fail = true;
      const { user } = renderAdminPage(
        '/automation',
        handlers({
          'GET /api/v1/automation/settings': () =>
            fail
              ? apiErrorResponse(500, { message: 'Database unavailable' })
              : jsonResponse(settings),
        }),
      );
      expect(await screen.findByText('Could not load the automation settings')).toBeTruthy();
      fail = false;
      await user.click(screen.getAllByRole('button', { name: /try again/i })[0]!);
      expect(await screen.findByRole('form', { name: 'Automation settings' })).toBeTruthy();
    });
  });
});

describe('automationSettingsSchema', () => {
  const valid = {
    enabled: true,
    expiry_warning_days: '1, 7',
    renewal_reminder_days: '0',
    suspend_enabled: true,
    suspend_after_days_overdue: '0',
    unsuspend_on_payment: true,
    terminate_enabled: false,
    terminate_after_days_suspended: '30',
  };

  it('turns the text into the API’s numbers: warnings largest first, without repeats', () => {
    expect(
      automationSettingsSchema.parse({ ...valid, expiry_warning_days: '1, 7, 7' }),
    ).toMatchObject({
      expiry_warning_days: [7, 1],
      renewal_reminder_days: 0,
      suspend_after_days_overdue: 0,
      terminate_after_days_suspended: 30,
    });
    expect(automationSettingsSchema.parse({ ...valid, expiry_warning_days: ' ' })).toMatchObject({
      expiry_warning_days: [],
    });
  });

  it('refuses what the API would refuse', () => {
    const refused = (changes: Partial<typeof valid>) =>
      automationSettingsSchema.safeParse({ ...valid, ...changes }).success === false;
    expect(refused({ expiry_warning_days: '0' })).toBe(true);
    expect(refused({ expiry_warning_days: '91' })).toBe(true);
    expect(refused({ expiry_warning_days: '1,2,3,4,5,6' })).toBe(true);
    expect(refused({ renewal_reminder_days: '91' })).toBe(true);
    expect(refused({ suspend_after_days_overdue: '-1' })).toBe(true);
    expect(refused({ suspend_after_days_overdue: '1.5' })).toBe(true);
    expect(refused({ terminate_after_days_suspended: '0' })).toBe(true);
    expect(refused({})).toBe(false);
  });
});
