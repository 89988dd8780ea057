import { ApiError, api, type RequestOptions } from './api-client';
import { clearCustomerSession, getCustomerAccessToken } from './customer-session';

type CustomerRequestOptions = Omit<RequestOptions, 'auth'>;

/**
 * The billing API as the signed-in customer (storefront checkout, /my). Same client as the
 * admin's, but the bearer token comes from the customer's own session, and a 401 ends that
 * session, never the admin's.
 */
async function asCustomer<T>(
  send: (options: RequestOptions) => Promise<T>,
  options: CustomerRequestOptions = {},
): Promise<T> {
  const token = getCustomerAccessToken();
  if (token === null) {
    // Signed out, or the token expired: answer like the API would, without asking it.
    throw new ApiError({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Your session has expired',
      code: 'UNAUTHENTICATED',
    });
  }
  const headers = new Headers(options.headers);
  headers.set('Authorization', `Bearer ${token}`);
  try {
    return await send({ ...options, headers, auth: false });
  } catch (error) {
    // The API no longer accepts the token: the customer area sends them to sign in again.
    if (error instanceof ApiError && error.status === 401) clearCustomerSession('expired');
    throw error;
  }
}

export const customerApi = {
  get: <T>(path: string, options?: CustomerRequestOptions) =>
    asCustomer((sent) => api.get<T>(path, sent), options),
  post: <T>(path: string, body?: unknown, options?: CustomerRequestOptions) =>
    asCustomer((sent) => api.post<T>(path, body, sent), options),
};
