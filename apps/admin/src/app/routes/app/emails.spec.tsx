import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeEmail } from '@/testing/commerce-fixtures';
import { page } from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

const held = makeEmail({ id: '7', status: 'held' });
const sent = makeEmail({
  id: '6',
  recipient: 'admin@test.com',
  subject: 'Payment received',
  template: 'payment_received',
  status: 'sent',
  sent_at: '2026-11-20T10:03:00.000Z',
});
const failed = makeEmail({
  id: '5',
  status: 'failed',
  attempts: 8,
  last_error: 'connect ECONNREFUSED 127.0.0.1:2525',
});

describe('emails page', () => {
  it('explains held emails (SMTP_URL not configured) and resends one', async () => {
    const { user, fetchMock } = renderAdminPage('/emails', {
      'GET /api/v1/emails': (request) =>
        jsonResponse(
          request.url.searchParams.get('status') === 'held'
            ? page([held], { page_size: 1 })
            : page([held, sent, failed]),
        ),
      'POST /api/v1/emails/7/resend': () => jsonResponse(held),
    });

    expect(await screen.findByText('1 email is held: sending is not configured')).toBeTruthy();
    expect(screen.getAllByText('SMTP_URL').length).toBeGreaterThan(0);

    const table = screen.getByRole('table', { name: 'Emails' });
    const heldRow = within(table).getAllByText('john@acme.com')[0]!.closest('tr')!;
    expect(within(heldRow).getByText('Held')).toBeTruthy();
    expect(within(heldRow).getByText('Welcome with sign-in details')).toBeTruthy();
    const failedRow = within(table).getByText('connect ECONNREFUSED 127.0.0.1:2525').closest('tr')!;
    expect(within(failedRow).getByText('Failed')).toBeTruthy();
    // Sent emails are done: nothing to resend.
    const sentRow = within(table).getByText('admin@test.com').closest('tr')!;
    expect(within(sentRow).queryByRole('button')).toBeNull();

    await user.click(
      within(heldRow).getByRole('button', {
        name: 'Resend “Your hosting account is ready” to john@acme.com',
      }),
    );

    expect(await screen.findByText('Email held again')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/emails/7/resend')).toHaveLength(1);
  });

  it('shows no banner when nothing is held, and filters by status', async () => {
    const { user, fetchMock } = renderAdminPage('/emails', {
      'GET /api/v1/emails': (request) => {
        const status = request.url.searchParams.get('status');
        return jsonResponse(
          status === 'held'
            ? page([])
            : status === 'failed'
              ? page([failed])
              : page([sent, failed]),
        );
      },
      'POST /api/v1/emails/5/resend': () =>
        apiErrorResponse(409, {
          message: 'A sent email cannot be sent again',
          code: 'EMAIL_NOT_RESENDABLE',
        }),
    });

    await screen.findByText('admin@test.com');
    expect(screen.queryByText(/held: sending is not configured/)).toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'failed');
    expect(
      requestsTo(fetchMock, 'GET /api/v1/emails').some(
        (request) => request.query.get('status') === 'failed',
      ),
    ).toBe(true);
    await user.click(await screen.findByRole('button', { name: /^Resend/ }));
    expect(await screen.findByText('The email was not resent')).toBeTruthy();
    expect(screen.getByText('A sent email cannot be sent again')).toBeTruthy();
  });
});
