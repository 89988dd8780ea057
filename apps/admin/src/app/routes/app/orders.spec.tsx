import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OrderResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeOrder } from '@/testing/commerce-fixtures';
import { makeCustomerDetails, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

const pending = makeOrder({
  id: 12,
  status: 'pending',
  status_reason: 'Online payments are not configured; waiting for an administrator',
});
const failed = makeOrder({
  id: 9,
  status: 'failed',
  status_reason: 'Server "Production Server 1" could not be reached (connection refused)',
});
const customer = () => jsonResponse(makeCustomerDetails());

describe('orders page', () => {
  it('lists orders with customer, plan, amount and status, and marks a pending one as paid after confirming', async () => {
    let orders: OrderResponse[] = [pending, failed];
    const { user, fetchMock } = renderAdminPage('/orders', {
      'GET /api/v1/orders': () => jsonResponse(page(orders)),
      'GET /api/v1/customers/2': customer,
      'POST /api/v1/orders/12/mark-paid': () => {
        orders = [
          { ...pending, status: 'paid', status_reason: null, paid_at: '2026-11-20T10:05:00.000Z' },
          failed,
        ];
        return jsonResponse(orders[0]);
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Orders' })).toBeTruthy();
    const row = (await screen.findByRole('link', { name: 'Order #12' })).closest('tr')!;
    const table = screen.getByRole('table', { name: 'Orders' });
    expect(within(row).getByText('Pending payment')).toBeTruthy();
    expect(
      within(row).getByText('Online payments are not configured; waiting for an administrator'),
    ).toBeTruthy();
    expect(within(row).getByText('$14.99')).toBeTruthy();
    expect(await within(row).findByRole('link', { name: 'John Doe' })).toBeTruthy();
    // Only pending orders can be marked as paid, only failed or waiting ones retried.
    expect(within(table).queryByRole('button', { name: 'Mark order #9 as paid' })).toBeNull();
    expect(within(table).getByRole('button', { name: 'Retry order #9' })).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Mark order #12 as paid' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark order #12 as paid?' });
    expect(
      within(dialog).getByText(
        /creates the license, provisions the hosting account and emails the customer/,
      ),
    ).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/orders/12/mark-paid')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as paid' }));

    expect(await screen.findByText('Order #12 marked as paid')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await within(table).findByText('Paid · setting up')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/orders/12/mark-paid')).toHaveLength(1);
    expect(screen.getByText('Following orders being set up')).toBeTruthy();
  });

  it('shows the API’s refusal inside the confirmation', async () => {
    const { user } = renderAdminPage('/orders', {
      'GET /api/v1/orders': () => jsonResponse(page([pending])),
      'GET /api/v1/customers/2': customer,
      'POST /api/v1/orders/12/mark-paid': () =>
        apiErrorResponse(409, {
          message: 'A paid order cannot be marked as paid',
          code: 'ORDER_NOT_PENDING',
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Mark order #12 as paid' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark order #12 as paid?' });
    await user.click(within(dialog).getByRole('button', { name: 'Mark as paid' }));

    expect(await within(dialog).findByText('A paid order cannot be marked as paid')).toBeTruthy();
  });

  it('retries a failed order', async () => {
    const { user, fetchMock } = renderAdminPage('/orders', {
      'GET /api/v1/orders': () => jsonResponse(page([failed])),
      'GET /api/v1/customers/2': customer,
      'POST /api/v1/orders/9/retry': () =>
        jsonResponse({ ...failed, status: 'paid', status_reason: null }),
    });

    await user.click(await screen.findByRole('button', { name: 'Retry order #9' }));

    expect(await screen.findByText('Order #9 is being retried')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/orders/9/retry')).toHaveLength(1);
  });

  it('filters by status in the URL and says when nothing matches', async () => {
    const { user, router, fetchMock } = renderAdminPage('/orders', {
      'GET /api/v1/orders': (request) =>
        jsonResponse(
          page(request.url.searchParams.get('status') === 'awaiting_capacity' ? [] : [pending]),
        ),
      'GET /api/v1/customers/2': customer,
    });

    await screen.findByRole('link', { name: 'Order #12' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'awaiting_capacity');

    expect(
      await screen.findByRole('heading', { name: 'No orders are awaiting capacity' }),
    ).toBeTruthy();
    expect(currentUrl(router)).toBe('/orders?status=awaiting_capacity');
    expect(requestsTo(fetchMock, 'GET /api/v1/orders').at(-1)?.query.get('status')).toBe(
      'awaiting_capacity',
    );
  });

  it('shows an empty state that leads to the storefront', async () => {
    renderAdminPage('/orders', { 'GET /api/v1/orders': () => jsonResponse(page([])) });

    expect(await screen.findByRole('heading', { name: 'No orders yet' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /Open storefront/ })[0]?.getAttribute('href')).toBe(
      '/store',
    );
  });
});
