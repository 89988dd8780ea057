import { configure, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JobResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeJob } from '@/testing/commerce-fixtures';
import { page } from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

const failedJob = makeJob({ id: '42', status: 'failed', attempts: 8, max_attempts: 8 });
const queuedEmail = makeJob({
  id: '43',
  queue: 'email.send',
  payload: { email_id: '7' },
  status: 'queued',
  attempts: 2,
  max_attempts: 8,
  last_error: 'connect ECONNREFUSED 127.0.0.1:2525',
  run_at: new Date(Date.now() + 5 * 60_000).toISOString(),
  finished_at: null,
});

describe('provisioning queue page', () => {
  it('shows failed, running and queued jobs with their reason, attempts and next run, and retries a failed one', async () => {
    let jobs: JobResponse[] = [failedJob, queuedEmail];
    const { user, fetchMock } = renderAdminPage('/provisioning-queue', {
      'GET /api/v1/jobs': (request) =>
        jsonResponse(
          page(jobs.filter((job) => job.status === request.url.searchParams.get('status'))),
        ),
      'POST /api/v1/jobs/42/retry': () => {
        jobs = [
          { ...failedJob, status: 'queued', attempts: 0, last_error: null, finished_at: null },
          queuedEmail,
        ];
        return jsonResponse(jobs[0]);
      },
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Provisioning queue' }),
    ).toBeTruthy();
    const row = (await screen.findByRole('link', { name: 'Order #12' })).closest('tr')!;
    expect(row.closest('table')?.querySelector('caption')?.textContent).toBe('Failed jobs');
    expect(within(row).getByRole('link', { name: 'Order #12' }).getAttribute('href')).toBe(
      '/orders/12',
    );
    expect(within(row).getByText('Provision order')).toBeTruthy();
    expect(
      within(row).getByText(
        'Server "Production Server 1" could not be reached (connection refused)',
      ),
    ).toBeTruthy();
    expect(within(row).getByText('8 of 8')).toBeTruthy();

    const queued = (await screen.findByText('#43 · email.send')).closest('table')!;
    expect(within(queued).getByText('Send email')).toBeTruthy();
    expect(within(queued).getByText('Queued')).toBeTruthy();
    expect(within(queued).getByText('2 of 8')).toBeTruthy();
    expect(within(queued).getByText('Next run in 5 minutes')).toBeTruthy();
    expect(within(queued).queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(await screen.findByText('No running jobs right now.')).toBeTruthy();

    const statuses = requestsTo(fetchMock, 'GET /api/v1/jobs').map((request) =>
      request.query.get('status'),
    );
    expect(new Set(statuses)).toEqual(new Set(['failed', 'running', 'queued']));

    await user.click(within(row).getByRole('button', { name: 'Retry job #42' }));

    expect(await screen.findByText('Job #42 queued again')).toBeTruthy();
    expect(
      await screen.findByText('Nothing has failed. Every payment so far became a working account.'),
    ).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/jobs/42/retry')).toHaveLength(1);
  });

  it('says why a retry was refused', async () => {
    const { user } = renderAdminPage('/provisioning-queue', {
      'GET /api/v1/jobs': (request) =>
        jsonResponse(page(request.url.searchParams.get('status') === 'failed' ? [failedJob] : [])),
      'POST /api/v1/jobs/42/retry': () =>
        apiErrorResponse(409, {
          message: 'A running job cannot be retried; only failed or cancelled ones',
          code: 'JOB_NOT_RETRYABLE',
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Retry job #42' }));

    expect(await screen.findByText('Job #42 was not retried')).toBeTruthy();
    expect(
      screen.getByText('A running job cannot be retried; only failed or cancelled ones'),
    ).toBeTruthy();
  });

  it('lists every job of one status and queue on request', async () => {
    const { user, fetchMock } = renderAdminPage(
      '/provisioning-queue?status=succeeded&queue=email.send',
      {
        'GET /api/v1/jobs': () =>
          jsonResponse(
            page([
              makeJob({
                id: '50',
                queue: 'email.send',
                payload: { email_id: '8' },
                status: 'succeeded',
                attempts: 1,
                last_error: null,
              }),
            ]),
          ),
      },
    );

    const table = (await screen.findByRole('link', { name: 'Email #8' })).closest('table')!;
    expect(within(table).getByText('Succeeded')).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Email #8' }).getAttribute('href')).toBe(
      '/emails',
    );
    const [request] = requestsTo(fetchMock, 'GET /api/v1/jobs');
    expect(request?.query.get('status')).toBe('succeeded');
    expect(request?.query.get('queue')).toBe('email.send');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), '');
    expect(await screen.findByRole('heading', { name: /^Failed/ })).toBeTruthy();
  });
});
