import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { makeAccount, page } from '@/testing/fixtures';
import { invalidateAfterAccountChange } from './account-actions';
import { getAccountsQueryOptions } from './get-accounts';

describe('getAccountsQueryOptions', () => {
  it('keys lists general to specific', () => {
    expect(getAccountsQueryOptions({ status: 'failed', page: 1, page_size: 3 }).queryKey).toEqual([
      'accounts',
      'list',
      { status: 'failed', page: 1, page_size: 3 },
    ]);
    expect(getAccountsQueryOptions().queryKey).toEqual(['accounts', 'list', {}]);
  });

  it('every account list goes stale after a suspend, unsuspend or terminate', async () => {
    const queryClient = new QueryClient();
    const recent = getAccountsQueryOptions({ page: 1, page_size: 8 }).queryKey;
    const failed = getAccountsQueryOptions({ status: 'failed', page: 1, page_size: 3 }).queryKey;
    queryClient.setQueryData(recent, page([makeAccount()]));
    queryClient.setQueryData(failed, page([]));

    await invalidateAfterAccountChange(queryClient, makeAccount());

    expect(queryClient.getQueryState(recent)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(failed)?.isInvalidated).toBe(true);
  });
});
