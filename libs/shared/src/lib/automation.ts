import { PageQuery } from './pagination';

/**
 * The `automation` settings group (GET/PUT /api/v1/automation/settings): what the billing
 * automation does on its own, after WHMCS's automation settings. Defaults come from the API's
 * environment (`AUTOMATION_*`).
 */
export interface AutomationSettings {
  /** Master switch: off, nothing runs on schedule, on payment or on request. */
  enabled: boolean;
  /**
   * Days before a paid period ends that a subscription which will not renew by itself (cancelled
   * at period end, or billed by hand) warns its customer; one email per threshold and period.
   * Empty: no warnings.
   */
  expiry_warning_days: number[];
  /** Days before an automatic (Stripe) renewal that the customer is reminded; 0: no reminders. */
  renewal_reminder_days: number;
  /** Suspend licenses and their accounts whose renewal is overdue. */
  suspend_enabled: boolean;
  /** Days after the paid period ended without a renewal before the suspension. */
  suspend_after_days_overdue: number;
  /** Reactivate licenses and lift non-payment suspensions when the renewal is paid. */
  unsuspend_on_payment: boolean;
  /** Terminate accounts left suspended for non-payment (irreversible: the panel deletes the data). */
  terminate_enabled: boolean;
  /** Days an account stays suspended for non-payment before it is terminated. */
  terminate_after_days_suspended: number;
}

/** PUT /api/v1/automation/settings: the fields sent change, the others keep their value. */
export type UpdateAutomationSettingsRequest = Partial<AutomationSettings>;

/** Bounds of the settings, checked by the API and by the admin's form alike. */
export const AUTOMATION_SETTING_LIMITS = {
  expiry_warning_days: { min: 1, max: 90, maxCount: 5 },
  renewal_reminder_days: { min: 0, max: 90 },
  suspend_after_days_overdue: { min: 0, max: 365 },
  terminate_after_days_suspended: { min: 1, max: 3650 },
} as const;

/** What started a run: the schedule, an admin's "Run now", or a renewal payment arriving. */
export const AutomationTrigger = {
  Schedule: 'schedule',
  Manual: 'manual',
  Payment: 'payment',
} as const;
export type AutomationTrigger = (typeof AutomationTrigger)[keyof typeof AutomationTrigger];
export const AUTOMATION_TRIGGERS: readonly AutomationTrigger[] = Object.values(AutomationTrigger);

/**
 * `partial`: the run finished, some items failed and others were done. `failed`: the run broke
 * off (an error outside any one item, or the process died), or every item it tried failed.
 */
export const AutomationRunStatus = {
  Queued: 'queued',
  Running: 'running',
  Succeeded: 'succeeded',
  Partial: 'partial',
  Failed: 'failed',
} as const;
export type AutomationRunStatus = (typeof AutomationRunStatus)[keyof typeof AutomationRunStatus];
export const AUTOMATION_RUN_STATUSES: readonly AutomationRunStatus[] =
  Object.values(AutomationRunStatus);

/** One thing a run did (or tried to do). */
export const AutomationItemKind = {
  ExpiryWarning: 'expiry_warning',
  RenewalReminder: 'renewal_reminder',
  SuspendLicense: 'suspend_license',
  SuspendAccount: 'suspend_account',
  ExpireLicense: 'expire_license',
  ReactivateLicense: 'reactivate_license',
  UnsuspendAccount: 'unsuspend_account',
  CancelLicense: 'cancel_license',
  TerminateAccount: 'terminate_account',
} as const;
export type AutomationItemKind = (typeof AutomationItemKind)[keyof typeof AutomationItemKind];
export const AUTOMATION_ITEM_KINDS: readonly AutomationItemKind[] =
  Object.values(AutomationItemKind);

/**
 * `queued`: an account action the panel has not confirmed yet; the job queue keeps retrying it
 * (the item's `account_action` says where it stands now). `skipped`: deliberately left alone
 * (an administrator's own suspension).
 */
export const AutomationItemOutcome = {
  Done: 'done',
  Queued: 'queued',
  Skipped: 'skipped',
  Failed: 'failed',
} as const;
export type AutomationItemOutcome =
  (typeof AutomationItemOutcome)[keyof typeof AutomationItemOutcome];
export const AUTOMATION_ITEM_OUTCOMES: readonly AutomationItemOutcome[] =
  Object.values(AutomationItemOutcome);

export interface AutomationRunResponse {
  id: string;
  trigger: AutomationTrigger;
  status: AutomationRunStatus;
  /** The moment the run judged dates against (a scheduled run's time slot). */
  as_of: string;
  /** Who asked for a manual run (`admin:1`); null for scheduled and payment runs. */
  requested_by: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  /** Actions taken (done or queued), per kind. */
  counts: Partial<Record<AutomationItemKind, number>>;
  total_items: number;
  failed_items: number;
  skipped_items: number;
  /** Why the run broke off, when it did. */
  error: string | null;
  created_at: string;
}

export interface AutomationRunItemResponse {
  id: string;
  kind: AutomationItemKind;
  outcome: AutomationItemOutcome;
  license_id: number | null;
  license_key: string | null;
  account_id: number | null;
  account_username: string | null;
  subscription_id: number | null;
  customer_id: number | null;
  customer_email: string | null;
  detail: string | null;
  /** The account action behind a `queued` item, as it stands now. */
  account_action: { id: string; status: string; last_error: string | null } | null;
  created_at: string;
}

export interface AutomationRunDetailResponse extends AutomationRunResponse {
  items: AutomationRunItemResponse[];
}

/** GET /api/v1/automation/runs */
export interface AutomationRunListQuery extends PageQuery {
  status?: AutomationRunStatus;
  trigger?: AutomationTrigger;
  /** Only runs that did (or tried to do) something. */
  with_items?: boolean;
}

/** Codes of the automation endpoints' domain errors. */
export const AutomationErrorCode = {
  /** 409: the automation is switched off in its settings. */
  Disabled: 'AUTOMATION_DISABLED',
  /** 409: a run is queued or running; one runs at a time. */
  RunInProgress: 'AUTOMATION_RUN_IN_PROGRESS',
} as const;
