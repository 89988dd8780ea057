import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PlanErrorCode, PlanResponse, PublicPlanResponse } from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { conflict, notFound } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../common/database/postgres-errors';
import { CreatePlanDto, UpdatePlanDto } from './dto/plan.dto';
import { Plan } from './plan.entity';
import { amountToCents, centsToAmount } from './plan-money';

@Injectable()
export class PlansService {
  constructor(
    @InjectRepository(Plan) private readonly plans: Repository<Plan>,
    private readonly audit: AuditLog,
  ) {}

  /** Every plan, inactive ones too (admins still see what existing licenses were sold from). */
  async list(): Promise<PlanResponse[]> {
    const plans = await this.plans.find({ order: { sortOrder: 'ASC', name: 'ASC' } });
    return plans.map(toPlanResponse);
  }

  /** What anyone may see: the plans on sale, without internal fields. */
  async listPublic(): Promise<PublicPlanResponse[]> {
    const plans = await this.plans.find({
      where: { isActive: true },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
    return plans.map((plan) => {
      const full = toPlanResponse(plan);
      return {
        id: full.id,
        name: full.name,
        description: full.description,
        price_monthly: full.price_monthly,
        price_yearly: full.price_yearly,
        currency: full.currency,
        sort_order: full.sort_order,
        max_databases: full.max_databases,
        max_domains: full.max_domains,
        max_email_accounts: full.max_email_accounts,
        max_disk_gb: full.max_disk_gb,
      };
    });
  }

  async get(id: string): Promise<PlanResponse> {
    return toPlanResponse(await this.findPlan(id));
  }

  async create(request: CreatePlanDto): Promise<PlanResponse> {
    const plan = this.plans.create({
      name: request.name,
      description: request.description ?? null,
      maxDatabases: request.max_databases,
      maxDomains: request.max_domains,
      maxEmailAccounts: request.max_email_accounts,
      maxDiskGb: request.max_disk_gb,
      priceMonthlyCents: amountToCents(request.price_monthly),
      priceYearlyCents: amountToCents(request.price_yearly),
      currency: request.currency ?? 'USD',
      nextpanelPackageId: request.nextpanel_package_id ?? null,
      isActive: request.is_active ?? true,
      sortOrder: request.sort_order ?? 0,
    });
    try {
      return await this.plans.manager.transaction(async (manager) => {
        const created = toPlanResponse(await manager.save(plan));
        await this.audit.record(
          { action: 'plan.create', entityType: 'plan', entityId: created.id, after: created },
          manager,
        );
        return created;
      });
    } catch (error) {
      throw translatePlanError(error, request.name);
    }
  }

  /**
   * Changes the plan for future sales only: licenses copied the quotas and subscriptions the
   * price when they were sold, so what a customer already bought stays as it was.
   */
  async update(id: string, request: UpdatePlanDto): Promise<PlanResponse> {
    const plan = await this.findPlan(id);
    const changes: Partial<Plan> = {
      name: request.name,
      description: request.description,
      maxDatabases: request.max_databases,
      maxDomains: request.max_domains,
      maxEmailAccounts: request.max_email_accounts,
      maxDiskGb: request.max_disk_gb,
      priceMonthlyCents:
        request.price_monthly === undefined ? undefined : amountToCents(request.price_monthly),
      priceYearlyCents:
        request.price_yearly === undefined ? undefined : amountToCents(request.price_yearly),
      currency: request.currency,
      nextpanelPackageId: request.nextpanel_package_id,
      isActive: request.is_active,
      sortOrder: request.sort_order,
    };
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    ) as Partial<Plan>;
    if (Object.keys(defined).length === 0) return toPlanResponse(plan);
    try {
      return await this.plans.manager.transaction(async (manager) => {
        const current = await manager.findOne(Plan, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('Plan');
        await manager.update(Plan, { id }, defined);
        const updated = toPlanResponse(await manager.findOneByOrFail(Plan, { id }));
        await this.audit.record(
          {
            action: 'plan.update',
            entityType: 'plan',
            entityId: id,
            before: toPlanResponse(current),
            after: updated,
          },
          manager,
        );
        return updated;
      });
    } catch (error) {
      throw translatePlanError(error, request.name);
    }
  }

  private async findPlan(id: string): Promise<Plan> {
    const plan = await this.plans.findOneBy({ id });
    if (!plan) throw notFound('Plan');
    return plan;
  }
}

function translatePlanError(error: unknown, name: string | undefined): unknown {
  return isUniqueViolation(error, 'uq_plans_name')
    ? conflict(`A plan named "${name}" already exists`, PlanErrorCode.NameTaken)
    : error;
}

export function toPlanResponse(plan: Plan): PlanResponse {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    max_databases: plan.maxDatabases,
    max_domains: plan.maxDomains,
    max_email_accounts: plan.maxEmailAccounts,
    max_disk_gb: plan.maxDiskGb,
    price_monthly: centsToAmount(plan.priceMonthlyCents),
    price_yearly: centsToAmount(plan.priceYearlyCents),
    currency: plan.currency,
    nextpanel_package_id: plan.nextpanelPackageId,
    is_active: plan.isActive,
    sort_order: plan.sortOrder,
    created_at: plan.createdAt.toISOString(),
    updated_at: plan.updatedAt.toISOString(),
  };
}
