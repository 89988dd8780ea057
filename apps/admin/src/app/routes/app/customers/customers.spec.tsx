import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiErrorResponse, jsonResponse, type MockedRequest } from '@/testing/api-mocks';
import { makeCustomer, makeCustomerDetails, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const customers = Array.from({ length: 20 }, (_, index) =>
  makeCustomer({
    id: index + 2,
    full_name: `Customer ${index + 1}`,
    email: `customer${index + 1}@example.com`,
    company_name: index === 0 ? 'Acme Inc' : null,
  }),
);

function customersPage(request: MockedRequest) {
  const search = request.url.searchParams.get('search');
  const pageNumber = Number(request.url.searchParams.get('page') ?? '1');
  if (search === 'nobody') return jsonResponse(page([]));
  if (search) return jsonResponse(page([customers[0]!]));
  return jsonResponse(
    page(pageNumber === 1 ? customers : [makeCustomer({ id: 99, full_name: 'Last Customer' })], {
      total: 21,
      page: pageNumber,
    }),
  );
}

describe('customers page', () => {
  it('lists customers with a link to their details, and pages through them', async () => {
    const { user, router, fetchMock } = renderAdminPage('/customers', {
      'GET /api/v1/customers': customersPage,
    });

    expect(await screen.findByRole('link', { name: 'Customer 1' })).toBeTruthy();
    expect(screen.getByText('customer1@example.com')).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'View details of Customer 1' }).getAttribute('href'),
    ).toBe('/customers/2');
    expect(screen.getByRole('navigation', { name: 'Pages of customers' }).textContent).toContain(
      'Showing 1–20 of 21 customers',
    );

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Last Customer' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/customers?page=2');
    expect(requestsTo(fetchMock, 'GET /api/v1/customers').at(-1)?.query.toString()).toBe(
      'page=2&page_size=20',
    );
  });

  it('searches on the server once the admin stops typing', async () => {
    const { user, router, fetchMock } = renderAdminPage('/customers?page=2', {
      'GET /api/v1/customers': customersPage,
    });

    await user.type(await screen.findByRole('searchbox', { name: 'Search customers' }), 'acme');

    await waitFor(() => expect(currentUrl(router)).toBe('/customers?search=acme'));
    const searches = () =>
      requestsTo(fetchMock, 'GET /api/v1/customers')
        .map((request) => request.query.get('search'))
        .filter(Boolean);
    await waitFor(() => expect(searches().at(-1)).toBe('acme'));
    expect(await screen.findByRole('link', { name: 'Customer 1' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Last Customer' })).toBeNull();
    // Asked once per pause in typing, not once per key (4 keys).
    expect(searches().length).toBeLessThan(4);
  });

  it('filters by status', async () => {
    const { user, fetchMock } = renderAdminPage('/customers', {
      'GET /api/v1/customers': customersPage,
    });

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Status' }),
      'Deactivated',
    );
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'GET /api/v1/customers').at(-1)?.query.get('is_active')).toBe(
        'false',
      ),
    );
  });

  it('says when nothing matches, and clears the search', async () => {
    const { user, router } = renderAdminPage('/customers?search=nobody', {
      'GET /api/v1/customers': customersPage,
    });

    expect(
      await screen.findByRole('heading', { name: 'No customers match “nobody”' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'Customer 1' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/customers');
  });

  it('shows an empty state for a new install', async () => {
    renderAdminPage('/customers', { 'GET /api/v1/customers': () => jsonResponse(page([])) });
    expect(await screen.findByRole('heading', { name: 'No customers yet' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Add customer' })).toHaveLength(2);
  });

  it('shows an error state instead of a blank page', async () => {
    renderAdminPage('/customers', {
      'GET /api/v1/customers': () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await screen.findByText('Could not load customers')).toBeTruthy();
    expect(screen.getByText(/could not reach the billing API/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('add customer form', () => {
  it('creates the customer and opens their details', async () => {
    const created = makeCustomer({ id: 42, email: 'john@acme.com', full_name: 'John Doe' });
    const { user, fetchMock, router } = renderAdminPage('/customers/new', {
      'POST /api/v1/customers': () => jsonResponse(created, { status: 201 }),
      'GET /api/v1/customers/42': () =>
        jsonResponse(makeCustomerDetails({ ...created, licenses: [], accounts: [] })),
    });

    await user.type(await screen.findByLabelText('Full name'), 'John Doe');
    await user.type(screen.getByLabelText('Email'), 'John@Acme.com ');
    await user.type(screen.getByLabelText('Company'), 'Acme Inc');
    await user.type(screen.getByLabelText('Password'), 'SecurePassword123!');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'John Doe' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/customers/42');
    expect(screen.getByText('Customer created')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/customers')[0]?.body).toEqual({
      email: 'John@Acme.com',
      full_name: 'John Doe',
      company_name: 'Acme Inc',
      phone: null,
      password: 'SecurePassword123!',
      is_active: true,
    });
  });

  it('shows the server’s field errors on their fields', async () => {
    let attempt = 0;
    const { user } = renderAdminPage('/customers/new', {
      'POST /api/v1/customers': () =>
        ++attempt === 1
          ? apiErrorResponse(409, {
              message: 'A user with the email john@acme.com already exists',
              code: 'CUSTOMER_EMAIL_TAKEN',
            })
          : apiErrorResponse(400, {
              message: 'Validation failed for 2 fields',
              code: 'VALIDATION_FAILED',
              details: [
                { field: 'phone', message: 'phone must be a phone number such as +1234567890' },
                {
                  field: 'full_name',
                  message: 'full_name must be shorter than or equal to 200 characters',
                },
              ],
            }),
    });

    await user.type(await screen.findByLabelText('Full name'), 'John Doe');
    await user.type(screen.getByLabelText('Email'), 'john@acme.com');
    await user.type(screen.getByLabelText('Password'), 'SecurePassword123!');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(
      await screen.findByText('A user with the email john@acme.com already exists'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));

    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(
      await screen.findByText('Phone must be a phone number such as +1234567890'),
    ).toBeTruthy();
    expect(
      screen.getByText('Full_name must be shorter than or equal to 200 characters'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Phone').getAttribute('aria-invalid')).toBe('true');
  });

  it('validates like the API before sending, and generates a strong password', async () => {
    const { user, fetchMock } = renderAdminPage('/customers/new', {});

    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'password');
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(await screen.findByText('Enter the customer’s full name')).toBeTruthy();
    expect(screen.getByText('Enter a valid email address, like customer@example.com')).toBeTruthy();
    expect(screen.getByText(/^Password must be 8 to 128 characters/)).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/customers')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{16}$/);
    expect(password.type).toBe('text');
    expect(
      screen.getByRole('meter', { name: 'Password strength' }).getAttribute('aria-valuetext'),
    ).toBe('Strong');
    expect(screen.queryByText(/^Password must be 8 to 128 characters/)).toBeNull();
  });
});

describe('customer details', () => {
  it('shows the profile, licenses with keys and quotas, and accounts with their server', async () => {
    renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'John Doe' })).toBeTruthy();
    expect(screen.getByText('Acme Inc')).toBeTruthy();

    const licenses = screen.getByRole('table', { name: 'Licenses of John Doe' });
    expect(within(licenses).getByText('NP-7KQ2-M9XH-T4WC')).toBeTruthy();
    expect(within(licenses).getByText('Professional Hosting')).toBeTruthy();
    expect(within(licenses).getByText('$14.99 / month')).toBeTruthy();
    expect(within(licenses).getByText('mailboxes', { exact: false }).textContent).toContain(
      '25 mailboxes',
    );

    const accounts = screen.getByRole('table', { name: 'Hosting accounts' });
    expect(within(accounts).getByText('johndoe')).toBeTruthy();
    expect(within(accounts).getByText('Production Server 1')).toBeTruthy();
    expect(within(accounts).getByText('Active')).toBeTruthy();
    expect(within(accounts).getByRole('button', { name: 'Suspend johndoe' })).toBeTruthy();
    expect(
      screen.getAllByRole('link', { name: 'Provision account' })[0]?.getAttribute('href'),
    ).toBe('/customers/2/provision');
  });

  it('shows a failed account with the panel’s reason and no actions', async () => {
    renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () =>
        jsonResponse(
          makeCustomerDetails({
            accounts: [
              {
                ...makeCustomerDetails().accounts[0]!,
                status: 'failed',
                nextpanel_user_id: null,
                status_reason:
                  'Server "Production Server 1" failed with HTTP 500: Internal server error while creating the account',
              },
            ],
          }),
        ),
    });

    expect(await screen.findByText('Failed')).toBeTruthy();
    expect(screen.getByText(/failed with HTTP 500: Internal server error/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Suspend johndoe' })).toBeNull();
  });

  it('says so when the customer does not exist', async () => {
    renderAdminPage('/customers/404', {
      'GET /api/v1/customers/404': () => apiErrorResponse(404, { message: 'Customer not found' }),
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This customer does not exist' }),
    ).toBeTruthy();
  });
});
