import type {
  AccountActionResponse,
  AccountActionResult,
  AccountEventResponse,
  HostingAccountSummary,
  LicenseEventResponse,
} from '@nextpanel/shared';

const REQUESTED = '2026-11-26T10:00:00.000Z';

/** One lifecycle action as GET /nextpanel/accounts/{id}/actions lists it (done, by admin #1). */
export function makeAccountAction(
  overrides: Partial<AccountActionResponse> = {},
): AccountActionResponse {
  return {
    id: '31',
    account_id: 11,
    action: 'suspend',
    status: 'succeeded',
    params: { reason: 'Payment overdue', suspension_kind: 'admin' },
    requested_by: 'admin:1',
    attempts: 1,
    last_error: null,
    created_at: REQUESTED,
    finished_at: '2026-11-26T10:00:01.000Z',
    ...overrides,
  };
}

/** The action as it stands after a 202: the panel did not answer, the queue retries. */
export function makeQueuedAction(
  overrides: Partial<AccountActionResponse> = {},
): AccountActionResponse {
  return makeAccountAction({
    status: 'queued',
    attempts: 1,
    last_error: 'Server "Production Server 1" could not be reached (connection refused)',
    finished_at: null,
    ...overrides,
  });
}

/** What a lifecycle endpoint answers: the account now, plus the action. */
export function actionResult(
  account: HostingAccountSummary,
  action: AccountActionResponse | null,
): AccountActionResult {
  return { ...account, action };
}

export function makeAccountEvent(
  overrides: Partial<AccountEventResponse> = {},
): AccountEventResponse {
  return {
    id: '17',
    from_status: 'active',
    to_status: 'suspended',
    actor: 'admin:1',
    reason: 'Payment overdue',
    created_at: REQUESTED,
    ...overrides,
  };
}

export function makeLicenseEvent(
  overrides: Partial<LicenseEventResponse> = {},
): LicenseEventResponse {
  return {
    id: '9',
    from_status: 'active',
    to_status: 'suspended',
    actor: 'admin:1',
    reason: 'Chargeback received',
    created_at: REQUESTED,
    ...overrides,
  };
}
