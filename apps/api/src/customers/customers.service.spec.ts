import { HttpStatus } from '@nestjs/common';
import { QueryFailedError, Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { PrincipalCache } from '../auth/principal-cache';
import { DomainException } from '../common/errors/domain.exception';
import { CustomPlanPool } from '../database/custom-plan-pool';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { CustomersService, toCustomerResponse } from './customers.service';

jest.mock('../auth/password-hasher', () => ({ hashPassword: async () => '$argon2id$stub' }));

const uniqueViolation = (constraint: string) =>
  new QueryFailedError(
    'INSERT INTO users ...',
    [],
    Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint,
    }),
  );

function serviceWithSave(save: jest.Mock, record: jest.Mock = jest.fn()): CustomersService {
  const users = {
    create: (fields: Partial<User>) => fields,
    // The insert and its audit entry share a transaction; here the manager only saves.
    manager: { transaction: (work: (manager: unknown) => unknown) => work({ save }) },
    // The pre-check finds nothing, as when two requests race past it together.
    createQueryBuilder: () => ({
      where: () => ({ getExists: async () => false }),
    }),
  } as unknown as Repository<User>;
  return new CustomersService(
    users,
    { record } as unknown as AuditLog,
    { publish: jest.fn() } as unknown as IntegrationEvents,
    { evict: jest.fn() } as unknown as PrincipalCache,
    {} as CustomPlanPool,
  );
}

const REQUEST = {
  email: 'race@example.com',
  full_name: 'Racer',
  password: 'Racer12345',
};

describe('CustomersService.create', () => {
  it('turns the email index refusing a concurrent duplicate into 409 CUSTOMER_EMAIL_TAKEN', async () => {
    const service = serviceWithSave(
      jest.fn().mockRejectedValue(uniqueViolation('uq_users_email_lower')),
    );
    const error = await service.create(REQUEST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).getStatus()).toBe(HttpStatus.CONFLICT);
    expect((error as DomainException).code).toBe('CUSTOMER_EMAIL_TAKEN');
  });

  it('lets other database errors through unchanged (they are not the caller’s fault)', async () => {
    const other = uniqueViolation('some_other_constraint');
    const service = serviceWithSave(jest.fn().mockRejectedValue(other));
    await expect(service.create(REQUEST)).rejects.toBe(other);
  });

  it('saves a customer with the hash, never the password', async () => {
    const now = new Date('2026-11-26T10:00:00.000Z');
    const save = jest.fn(async (user: Partial<User>) => ({
      ...user,
      id: 2,
      createdAt: now,
      updatedAt: now,
    }));
    const record = jest.fn();
    const response = await serviceWithSave(save, record).create(REQUEST);
    expect(save.mock.calls[0][0]).toMatchObject({
      role: 'customer',
      passwordHash: '$argon2id$stub',
      isActive: true,
      companyName: null,
      phone: null,
    });
    expect(JSON.stringify(save.mock.calls[0][0])).not.toContain(REQUEST.password);
    expect(response).toEqual({
      id: 2,
      email: 'race@example.com',
      full_name: 'Racer',
      company_name: null,
      phone: null,
      is_active: true,
      last_login_at: null,
      created_at: '2026-11-26T10:00:00.000Z',
      updated_at: '2026-11-26T10:00:00.000Z',
    });
    // Audited as the response, never the entity with its hash.
    expect(record).toHaveBeenCalledTimes(1);
    expect(record.mock.calls[0][0]).toMatchObject({
      action: 'customer.create',
      entityType: 'customer',
      entityId: 2,
      after: response,
    });
    expect(JSON.stringify(record.mock.calls[0][0])).not.toContain('argon2');
  });
});

describe('toCustomerResponse', () => {
  it('leaves out the password hash and the role', () => {
    const user = Object.assign(new User(), {
      id: 3,
      email: 'a@b.co',
      passwordHash: '$argon2id$secret',
      fullName: 'A',
      companyName: null,
      phone: null,
      role: 'customer',
      isActive: true,
      lastLoginAt: new Date('2026-11-27T00:00:00.000Z'),
      createdAt: new Date('2026-11-26T00:00:00.000Z'),
      updatedAt: new Date('2026-11-26T00:00:00.000Z'),
    });
    const response = toCustomerResponse(user);
    expect(Object.keys(response)).not.toContain('password_hash');
    expect(JSON.stringify(response)).not.toContain('argon2');
    expect(response.last_login_at).toBe('2026-11-27T00:00:00.000Z');
  });
});
