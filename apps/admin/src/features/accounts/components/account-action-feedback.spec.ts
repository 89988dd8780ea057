import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { makeAccount } from '@/testing/fixtures';
import { actionResult, makeAccountAction, makeQueuedAction } from '@/testing/lifecycle-fixtures';
import { isActionQueued } from '../api/account-actions';
import { allowedActions, describeAccountActionError } from './account-action-feedback';

describe('allowedActions', () => {
  it('follows the account state machine', () => {
    expect(allowedActions({ status: 'active' })).toEqual([
      'stats',
      'suspend',
      'terminate',
      'change_plan',
      'reset_password',
    ]);
    expect(allowedActions({ status: 'suspended' })).toEqual([
      'stats',
      'unsuspend',
      'terminate',
      'change_plan',
      'reset_password',
    ]);
    // provisioning → active is not an unsuspend; failed → provisioning is not offered here.
    expect(allowedActions({ status: 'provisioning' })).toEqual([]);
    expect(allowedActions({ status: 'failed' })).toEqual([]);
    expect(allowedActions({ status: 'terminated' })).toEqual([]);
  });
});

describe('isActionQueued', () => {
  it('is true only while the queue still has the action (the 202 answer)', () => {
    const account = makeAccount();
    expect(isActionQueued(actionResult(account, makeQueuedAction()))).toBe(true);
    expect(isActionQueued(actionResult(account, makeQueuedAction({ status: 'running' })))).toBe(
      true,
    );
    expect(isActionQueued(actionResult(account, makeAccountAction()))).toBe(false);
    expect(isActionQueued(actionResult(account, null))).toBe(false);
  });
});

describe('describeAccountActionError', () => {
  it('shows the panel’s own reason for a 502 and the API’s message for a 409', () => {
    expect(
      describeAccountActionError(
        new ApiError({
          statusCode: 502,
          error: 'Bad Gateway',
          message: 'The panel says: user is locked',
          code: 'PANEL_ERROR',
        }),
      ),
    ).toBe('The panel did not do it: The panel says: user is locked');
    expect(
      describeAccountActionError(
        new ApiError({
          statusCode: 409,
          error: 'Conflict',
          message: 'A terminated account cannot be suspended',
          code: 'INVALID_ACCOUNT_STATE',
        }),
      ),
    ).toBe('A terminated account cannot be suspended');
  });
});
