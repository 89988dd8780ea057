import { QueryClient, type DefaultOptions, type UseMutationOptions } from '@tanstack/react-query';
import { ApiError } from './api-client';

const MAX_RETRIES = 2;

/**
 * Retry what may succeed on a second try (network blips, 5xx, 408) and never what will not
 * (4xx: bad input, no permission, rate limited, expired session).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408;
  return true;
}

export const queryConfig = {
  queries: {
    retry: shouldRetry,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  },
  mutations: {
    retry: false,
  },
} satisfies DefaultOptions;

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...queryConfig.queries, ...overrides.queries },
      mutations: { ...queryConfig.mutations, ...overrides.mutations },
    },
  });
}

/*
 * Types for the per-endpoint files in `features/<feature>/api/`. Each file exports
 *   - the fetcher (`getServers`), calling `api` from lib/api-client,
 *   - its query options (`getServersQueryOptions(filters)`) built with `queryOptions()`, whose
 *     `queryKey` goes from general to specific: ['servers', 'list', filters], ['servers', 'detail', id],
 *   - the hook (`useServers({ filters, queryConfig })`).
 * Mutations invalidate with the query options' own key (`getServersQueryOptions().queryKey`),
 * never a hand-typed array.
 */

// `never[]` parameters accept every fetcher signature (parameters are checked contravariantly).
type AnyAsyncFn = (...args: never[]) => Promise<unknown>;

export type ApiFnReturnType<FnType extends AnyAsyncFn> = Awaited<ReturnType<FnType>>;

/** Extra `useQuery` options a caller may pass; key and fetcher stay owned by the endpoint file. */
export type QueryConfig<T extends (...args: never[]) => unknown> = Omit<
  ReturnType<T>,
  'queryKey' | 'queryFn'
>;

export type MutationConfig<MutationFnType extends AnyAsyncFn> = UseMutationOptions<
  ApiFnReturnType<MutationFnType>,
  Error,
  Parameters<MutationFnType>[0]
>;
