import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CustomerDetailsResponse,
  CustomerErrorCode,
  CustomerResponse,
  CustomerSort,
  DEFAULT_CUSTOMER_SORT,
  HostingAccountSummary,
  Page,
  UserRole,
} from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { hashPassword } from '../auth/password-hasher';
import { containsPattern } from '../common/database/like-pattern';
import { isUniqueViolation } from '../common/database/postgres-errors';
import { conflict, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { LicensesService } from '../licenses/licenses.service';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { toHostingAccountSummary } from '../provisioning/hosting-account.mapper';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { CreateCustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './dto/customer.dto';

/** The unique index on lower(email): it, not the pre-check, decides who gets an email. */
const EMAIL_UNIQUE_INDEX = 'uq_users_email_lower';

type CustomerSortField = Exclude<CustomerSort, `-${string}`>;

const SORT_COLUMNS: Record<CustomerSortField, string> = {
  created_at: 'customer.createdAt',
  email: 'customer.email',
  full_name: 'customer.fullName',
  company_name: 'customer.companyName',
};

@Injectable()
export class CustomersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(HostingAccount) private readonly accounts: Repository<HostingAccount>,
    private readonly licenses: LicensesService,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
  ) {}

  /**
   * `selfRegistered`: the storefront's sign-up, audited as the new customer's own action
   * (`customer.register`) rather than an admin's `customer.create`.
   */
  async create(
    request: CreateCustomerDto,
    { selfRegistered = false }: { selfRegistered?: boolean } = {},
  ): Promise<CustomerResponse> {
    // Checked first only to skip the (deliberately slow) hashing for an obvious duplicate.
    if (await this.emailInUse(request.email)) throw emailTaken(request.email);
    const customer = this.users.create({
      email: request.email,
      passwordHash: await hashPassword(request.password),
      fullName: request.full_name,
      companyName: request.company_name ?? null,
      phone: request.phone ?? null,
      role: UserRole.Customer,
      isActive: request.is_active ?? true,
      lastLoginAt: null,
    });
    try {
      return await this.users.manager.transaction(async (manager) => {
        const created = toCustomerResponse(await manager.save(customer));
        await this.audit.record(
          {
            action: selfRegistered ? 'customer.register' : 'customer.create',
            entityType: 'customer',
            entityId: created.id,
            after: created,
            ...(selfRegistered
              ? { actor: { type: 'customer', id: String(created.id), label: created.email } }
              : {}),
          },
          manager,
        );
        await this.events.publish('customer.created', created, manager);
        return created;
      });
    } catch (error) {
      // Two concurrent creates both pass the check above; the unique index refuses the second.
      throw isUniqueViolation(error, EMAIL_UNIQUE_INDEX) ? emailTaken(request.email) : error;
    }
  }

  async list(query: CustomerListQueryDto): Promise<Page<CustomerResponse>> {
    const window = pageWindow(query);
    const builder = this.users
      .createQueryBuilder('customer')
      .where('customer.role = :role', { role: UserRole.Customer });
    if (query.search !== undefined) {
      builder.andWhere(
        `(customer.email ILIKE :search ESCAPE '\\' OR customer.fullName ILIKE :search ESCAPE '\\' ` +
          `OR customer.companyName ILIKE :search ESCAPE '\\')`,
        { search: containsPattern(query.search) },
      );
    }
    if (query.is_active !== undefined) {
      builder.andWhere('customer.isActive = :isActive', { isActive: query.is_active });
    }
    const { column, direction } = parseSort(query.sort ?? DEFAULT_CUSTOMER_SORT);
    const [customers, total] = await builder
      .orderBy(column, direction, 'NULLS LAST')
      // The id breaks ties, so equal values cannot swap places between pages.
      .addOrderBy('customer.id', direction)
      .offset(window.offset)
      .limit(window.pageSize)
      .getManyAndCount();
    return toPage(customers.map(toCustomerResponse), total, window);
  }

  /** The customer with every license and hosting account: three queries, however many there are. */
  async getDetails(id: number): Promise<CustomerDetailsResponse> {
    const customer = await this.findCustomer(id);
    const [licenses, accounts] = await Promise.all([
      this.licenses.listCustomerLicenses(id),
      this.listAccounts(id),
    ]);
    return { ...toCustomerResponse(customer), licenses, accounts };
  }

  /** Customers are never deleted (licenses and accounts refer to them); `is_active: false` locks them out. */
  async update(id: number, request: UpdateCustomerDto): Promise<CustomerResponse> {
    const customer = await this.findCustomer(id);
    const changes: Partial<User> = {};
    if (request.email !== undefined && request.email !== customer.email) {
      if (await this.emailInUse(request.email, id)) throw emailTaken(request.email);
      changes.email = request.email;
    }
    if (request.full_name !== undefined) changes.fullName = request.full_name;
    if (request.company_name !== undefined) changes.companyName = request.company_name;
    if (request.phone !== undefined) changes.phone = request.phone;
    if (request.is_active !== undefined) changes.isActive = request.is_active;
    if (request.password !== undefined) changes.passwordHash = await hashPassword(request.password);
    if (Object.keys(changes).length === 0) return toCustomerResponse(customer);

    try {
      return await this.users.manager.transaction(async (manager) => {
        // Locked, so `before` is the state this update replaces, not an earlier read.
        const current = await manager.findOne(User, {
          where: { id, role: UserRole.Customer },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('Customer');
        await manager.update(User, { id, role: UserRole.Customer }, changes);
        const updated = toCustomerResponse(
          await manager.findOneByOrFail(User, { id, role: UserRole.Customer }),
        );
        await this.audit.record(
          {
            action: customerUpdateAction(current.isActive, updated.is_active),
            entityType: 'customer',
            entityId: id,
            before: toCustomerResponse(current),
            // The new password itself is never stored here; that it changed is.
            after: changes.passwordHash ? { ...updated, password: 'changed' } : updated,
          },
          manager,
        );
        return updated;
      });
    } catch (error) {
      throw isUniqueViolation(error, EMAIL_UNIQUE_INDEX) && request.email
        ? emailTaken(request.email)
        : error;
    }
  }

  private async findCustomer(id: number): Promise<User> {
    // Admins share the table; to these endpoints they do not exist.
    const customer = await this.users.findOneBy({ id, role: UserRole.Customer });
    if (!customer) throw notFound('Customer');
    return customer;
  }

  private async emailInUse(email: string, exceptId?: number): Promise<boolean> {
    const builder = this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email });
    if (exceptId !== undefined) builder.andWhere('user.id <> :exceptId', { exceptId });
    return builder.getExists();
  }

  /** Joined with only the server's name and URL: its API key and secret are never loaded here. */
  private async listAccounts(customerId: number): Promise<HostingAccountSummary[]> {
    const accounts = await this.accounts
      .createQueryBuilder('account')
      .innerJoin('account.server', 'server')
      .addSelect(['server.id', 'server.name', 'server.baseUrl'])
      .where('account.customerId = :customerId', { customerId })
      .orderBy('account.createdAt', 'DESC')
      .addOrderBy('account.id', 'DESC')
      .getMany();
    return accounts.map((account) => {
      if (!account.server) throw new Error('hosting account loaded without its server');
      return toHostingAccountSummary(account, account.server);
    });
  }
}

function parseSort(sort: CustomerSort): { column: string; direction: 'ASC' | 'DESC' } {
  const descending = sort.startsWith('-');
  return {
    column: SORT_COLUMNS[(descending ? sort.slice(1) : sort) as CustomerSortField],
    direction: descending ? 'DESC' : 'ASC',
  };
}

/** Deactivating or reactivating is its own action, so the audit log can be filtered for it. */
function customerUpdateAction(wasActive: boolean, isActive: boolean): string {
  if (wasActive === isActive) return 'customer.update';
  return isActive ? 'customer.activate' : 'customer.deactivate';
}

function emailTaken(email: string) {
  return conflict(`A user with the email ${email} already exists`, CustomerErrorCode.EmailTaken);
}

/** What the API says about a customer; the password hash and role are deliberately absent. */
export function toCustomerResponse(user: User): CustomerResponse {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    company_name: user.companyName,
    phone: user.phone,
    is_active: user.isActive,
    last_login_at: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
