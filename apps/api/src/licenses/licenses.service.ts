import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  BillingCycle,
  LicenseErrorCode,
  LicenseResponse,
  LicenseStatus,
  Page,
  SubscriptionResponse,
  SubscriptionStatus,
  UserRole,
} from '@nextpanel/shared';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { containsPattern } from '../common/database/like-pattern';
import { isoTimestampSql } from '../common/database/read-queries';
import { conflict, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { Plan } from '../plans/plan.entity';
import { centsToAmount } from '../plans/plan-money';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { CreateLicenseDto, LicenseListQueryDto } from './dto/license.dto';
import { License } from './license.entity';
import { generateLicenseKey } from './license-key';
import { Subscription } from './subscription.entity';

/** How far one paid period reaches, as a PostgreSQL interval. */
const BILLING_PERIOD: Record<BillingCycle, string> = {
  monthly: '1 month',
  yearly: '1 year',
};

/** A collision needs two equal draws out of 31^12 keys; a few retries are already paranoid. */
const LICENSE_KEY_ATTEMPTS = 5;

export interface NewLicense {
  customerId: number;
  planId: string;
  billingCycle: BillingCycle;
  maxDatabases: number;
  maxDomains: number;
  maxEmailAccounts: number;
  maxDiskGb: number;
}

@Injectable()
export class LicensesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(License) private readonly licenses: Repository<License>,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
  ) {}

  /**
   * Sells `plan` to the customer: a license with the plan's quotas copied (so later plan edits do
   * not change what was sold) and, unless declined, its subscription, in one transaction.
   */
  async create(customerId: number, request: CreateLicenseDto): Promise<LicenseResponse> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a concurrent deactivation of the customer or the plan waits for this sale to
      // commit (or is seen by it), so no license is sold against a state that no longer holds.
      const customer = await manager
        .createQueryBuilder(User, 'customer')
        .setLock('pessimistic_read')
        .where('customer.id = :customerId AND customer.role = :role', {
          customerId,
          role: UserRole.Customer,
        })
        .getOne();
      if (!customer) throw notFound('Customer');
      if (!customer.isActive) {
        throw conflict(
          'The customer is deactivated; reactivate them before adding a license',
          LicenseErrorCode.CustomerInactive,
        );
      }
      const plan = await manager
        .createQueryBuilder(Plan, 'plan')
        .setLock('pessimistic_read')
        .where('plan.id = :planId', { planId: request.plan_id })
        .getOne();
      if (!plan) throw notFound('Plan');
      if (!plan.isActive) {
        throw conflict(`The plan "${plan.name}" is no longer sold`, LicenseErrorCode.PlanInactive);
      }

      const licenseId = await insertLicenseWithUniqueKey(manager, {
        customerId,
        planId: plan.id,
        billingCycle: request.billing_cycle,
        maxDatabases: plan.maxDatabases,
        maxDomains: plan.maxDomains,
        maxEmailAccounts: plan.maxEmailAccounts,
        maxDiskGb: plan.maxDiskGb,
      });
      if (request.create_subscription ?? true) {
        await insertSubscription(manager, licenseId, plan, request.billing_cycle);
      }
      const license = await licenseWithPlanAndSubscription(manager)
        .where('license.id = :licenseId', { licenseId })
        .getOneOrFail();
      const created = toLicenseResponse(license);
      await this.audit.record(
        { action: 'license.create', entityType: 'license', entityId: licenseId, after: created },
        manager,
      );
      await this.events.publish('license.created', created, manager);
      return created;
    });
  }

  /**
   * Issues the license a paid order bought, inside the caller's transaction (the order
   * fulfilment), with its subscription tied to the Stripe subscription when there is one.
   */
  async issueForOrder(
    manager: EntityManager,
    order: {
      customerId: number;
      plan: Plan;
      billingCycle: BillingCycle;
      stripeSubscriptionId: string | null;
    },
  ): Promise<number> {
    const licenseId = await insertLicenseWithUniqueKey(manager, {
      customerId: order.customerId,
      planId: order.plan.id,
      billingCycle: order.billingCycle,
      maxDatabases: order.plan.maxDatabases,
      maxDomains: order.plan.maxDomains,
      maxEmailAccounts: order.plan.maxEmailAccounts,
      maxDiskGb: order.plan.maxDiskGb,
    });
    await insertSubscription(
      manager,
      licenseId,
      order.plan,
      order.billingCycle,
      order.stripeSubscriptionId,
    );
    const issued = toLicenseResponse(
      await licenseWithPlanAndSubscription(manager)
        .where('license.id = :licenseId', { licenseId })
        .getOneOrFail(),
    );
    await this.audit.record(
      {
        action: 'license.issue',
        entityType: 'license',
        entityId: licenseId,
        after: issued,
      },
      manager,
    );
    await this.events.publish('license.created', issued, manager);
    return licenseId;
  }

  async list(query: LicenseListQueryDto): Promise<Page<LicenseResponse>> {
    const window = pageWindow(query);
    const builder = licenseWithPlanAndSubscription(this.licenses.manager);
    if (query.status !== undefined) {
      builder.andWhere('license.status = :status', { status: query.status });
    }
    if (query.customer_id !== undefined) {
      builder.andWhere('license.customerId = :customerId', { customerId: query.customer_id });
    }
    if (query.search !== undefined) {
      builder.andWhere(`license.licenseKey ILIKE :search ESCAPE '\\'`, {
        search: containsPattern(query.search),
      });
    }
    const [licenses, total] = await builder
      .orderBy('license.createdAt', 'DESC')
      .addOrderBy('license.id', 'DESC')
      .offset(window.offset)
      .limit(window.pageSize)
      .getManyAndCount();
    return toPage(licenses.map(toLicenseResponse), total, window);
  }

  async get(id: number): Promise<LicenseResponse> {
    const license = await licenseWithPlanAndSubscription(this.licenses.manager)
      .where('license.id = :id', { id })
      .getOne();
    if (!license) throw notFound('License');
    return toLicenseResponse(license);
  }

  /** Every license of one customer, newest first, with plan and subscription, in one query. */
  /**
   * The license an account is provisioned under, with its plan (quotas, package id): 404 when it
   * does not exist or belongs to another customer (which must not reveal that it exists), 409
   * when it is not active. Pass the manager of a running transaction to also hold a FOR SHARE
   * lock on the license until that transaction ends, so it cannot be cancelled half-way.
   */
  async findActiveLicenseForCustomer(
    licenseId: number,
    customerId: number,
    manager: EntityManager = this.licenses.manager,
  ): Promise<License> {
    const builder = manager
      .createQueryBuilder(License, 'license')
      .innerJoinAndSelect('license.plan', 'plan')
      .where('license.id = :licenseId AND license.customerId = :customerId', {
        licenseId,
        customerId,
      });
    if (manager.queryRunner?.isTransactionActive) {
      builder.setLock('pessimistic_read', undefined, ['license']);
    }
    const license = await builder.getOne();
    if (!license) throw notFound('License');
    if (license.status !== LicenseStatus.Active) {
      throw conflict(
        `License ${license.licenseKey} is ${license.status}, not active`,
        LicenseErrorCode.LicenseNotActive,
      );
    }
    return license;
  }
}

function licenseWithPlanAndSubscription(manager: EntityManager): SelectQueryBuilder<License> {
  return manager
    .createQueryBuilder(License, 'license')
    .innerJoinAndSelect('license.plan', 'plan')
    .innerJoinAndSelect('license.customer', 'customer')
    .leftJoinAndSelect('license.subscription', 'subscription');
}

/**
 * Inserts the license under a fresh random key. A duplicate key is skipped with ON CONFLICT DO
 * NOTHING instead of failing, because a failed statement would abort the whole transaction; an
 * empty RETURNING then means "collision, draw again".
 */
export async function insertLicenseWithUniqueKey(
  manager: Pick<EntityManager, 'query'>,
  license: NewLicense,
  generateKey: () => string = generateLicenseKey,
): Promise<number> {
  for (let attempt = 1; attempt <= LICENSE_KEY_ATTEMPTS; attempt++) {
    const rows: Array<{ id: number }> = await manager.query(
      `INSERT INTO licenses (license_key, customer_id, plan_id, status, billing_cycle,
                             max_databases, max_domains, max_email_accounts, max_disk_gb)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_licenses_license_key DO NOTHING
       RETURNING id`,
      [
        generateKey(),
        license.customerId,
        license.planId,
        LicenseStatus.Active,
        license.billingCycle,
        license.maxDatabases,
        license.maxDomains,
        license.maxEmailAccounts,
        license.maxDiskGb,
      ],
    );
    if (rows.length > 0) return rows[0].id;
  }
  throw new Error(`No unused license key found in ${LICENSE_KEY_ATTEMPTS} attempts`);
}

/**
 * The first paid period starts now and ends one calendar month or year later. The arithmetic is
 * done on the UTC wall clock: `timestamptz + interval '1 month'` would otherwise follow the
 * session's time zone, and a period's end would depend on the database server's settings.
 * (PostgreSQL clamps to the month's end: Jan 31 + 1 month = Feb 28/29.)
 */
async function insertSubscription(
  manager: EntityManager,
  licenseId: number,
  plan: Plan,
  cycle: BillingCycle,
  stripeSubscriptionId: string | null = null,
): Promise<void> {
  const priceCents = cycle === 'yearly' ? plan.priceYearlyCents : plan.priceMonthlyCents;
  await manager.query(
    `INSERT INTO subscriptions (license_id, status, billing_cycle, price_cents, currency,
                                current_period_start, current_period_end, stripe_subscription_id)
     VALUES ($1, $2, $3, $4, $5, now(), (now() AT TIME ZONE 'UTC' + $6::interval) AT TIME ZONE 'UTC', $7)`,
    [
      licenseId,
      SubscriptionStatus.Active,
      cycle,
      priceCents,
      plan.currency,
      BILLING_PERIOD[cycle],
      stripeSubscriptionId,
    ],
  );
}

/** Needs the license loaded with its plan; the subscription may be absent. */
/**
 * A customer's licenses as one JSON array (newest first), for a sub-select of the customer details
 * statement; `customerColumn` is the outer query's customer id. `licenseResponseOfJson` turns each
 * element into the same response as `toLicenseResponse`.
 */
export const customerLicensesJsonSql = (customerColumn: string): string => `(
  SELECT coalesce(json_agg(json_build_object(
    'id', l.id, 'license_key', l.license_key, 'customer_id', l.customer_id, 'plan_id', l.plan_id,
    'plan_name', p.name, 'status', l.status, 'billing_cycle', l.billing_cycle,
    'max_databases', l.max_databases, 'max_domains', l.max_domains,
    'max_email_accounts', l.max_email_accounts, 'max_disk_gb', l.max_disk_gb,
    'created_at', ${isoTimestampSql('l.created_at')}, 'updated_at', ${isoTimestampSql('l.updated_at')},
    'subscription', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object(
      'id', s.id, 'status', s.status, 'billing_cycle', s.billing_cycle, 'price_cents', s.price_cents,
      'currency', s.currency,
      'current_period_start', ${isoTimestampSql('s.current_period_start')},
      'current_period_end', ${isoTimestampSql('s.current_period_end')},
      'cancel_at_period_end', s.cancel_at_period_end,
      'created_at', ${isoTimestampSql('s.created_at')}) END
  ) ORDER BY l.created_at DESC, l.id DESC), '[]'::json)
  FROM licenses l
  JOIN plans p ON p.id = l.plan_id
  LEFT JOIN subscriptions s ON s.license_id = l.id
  WHERE l.customer_id = ${customerColumn})`;

/** An element of `customerLicensesJsonSql`'s array. */
export interface CustomerLicenseJson {
  id: number;
  license_key: string;
  customer_id: number;
  plan_id: string;
  plan_name: string;
  status: LicenseStatus;
  billing_cycle: BillingCycle;
  max_databases: number;
  max_domains: number;
  max_email_accounts: number;
  max_disk_gb: number;
  created_at: string;
  updated_at: string;
  subscription: {
    id: number;
    status: SubscriptionStatus;
    billing_cycle: BillingCycle;
    price_cents: number;
    currency: string;
    current_period_start: string;
    current_period_end: string;
    cancel_at_period_end: boolean;
    created_at: string;
  } | null;
}

/** The same response as `toLicenseResponse`, for a license of `customer`. */
export function licenseResponseOfJson(
  license: CustomerLicenseJson,
  customer: { id: number; email: string; full_name: string },
): LicenseResponse {
  const subscription = license.subscription;
  return {
    id: license.id,
    license_key: license.license_key,
    customer_id: license.customer_id,
    customer: { id: customer.id, email: customer.email, full_name: customer.full_name },
    plan_id: license.plan_id,
    plan: { id: license.plan_id, name: license.plan_name },
    status: license.status,
    billing_cycle: license.billing_cycle,
    max_databases: license.max_databases,
    max_domains: license.max_domains,
    max_email_accounts: license.max_email_accounts,
    max_disk_gb: license.max_disk_gb,
    subscription:
      subscription === null
        ? null
        : {
            id: subscription.id,
            status: subscription.status,
            billing_cycle: subscription.billing_cycle,
            price: centsToAmount(subscription.price_cents),
            currency: subscription.currency,
            current_period_start: subscription.current_period_start,
            current_period_end: subscription.current_period_end,
            cancel_at_period_end: subscription.cancel_at_period_end,
            created_at: subscription.created_at,
          },
    created_at: license.created_at,
    updated_at: license.updated_at,
  };
}

export function toLicenseResponse(license: License): LicenseResponse {
  const plan = license.plan;
  if (!plan) throw new Error('toLicenseResponse needs the license loaded with its plan');
  return {
    id: license.id,
    license_key: license.licenseKey,
    customer_id: license.customerId,
    customer: license.customer
      ? {
          id: license.customer.id,
          email: license.customer.email,
          full_name: license.customer.fullName,
        }
      : null,
    plan_id: license.planId,
    plan: { id: plan.id, name: plan.name },
    status: license.status,
    billing_cycle: license.billingCycle,
    max_databases: license.maxDatabases,
    max_domains: license.maxDomains,
    max_email_accounts: license.maxEmailAccounts,
    max_disk_gb: license.maxDiskGb,
    subscription: license.subscription ? toSubscriptionResponse(license.subscription) : null,
    created_at: license.createdAt.toISOString(),
    updated_at: license.updatedAt.toISOString(),
  };
}

export function toSubscriptionResponse(subscription: Subscription): SubscriptionResponse {
  return {
    id: subscription.id,
    status: subscription.status,
    billing_cycle: subscription.billingCycle,
    price: centsToAmount(subscription.priceCents),
    currency: subscription.currency,
    current_period_start: subscription.currentPeriodStart.toISOString(),
    current_period_end: subscription.currentPeriodEnd.toISOString(),
    cancel_at_period_end: subscription.cancelAtPeriodEnd,
    created_at: subscription.createdAt.toISOString(),
  };
}
