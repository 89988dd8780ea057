import { UserRole } from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { SEED_PLANS } from './seed-data';

export interface SeedResult {
  adminCreated: boolean;
  plansCreated: string[];
}

/**
 * Idempotent: creates the admin and the default plans when missing and never overwrites them,
 * so an admin who changed a price or the password keeps the change across restarts.
 */
export async function seedDatabase(
  dataSource: DataSource,
  admin: { email: string; password: string },
): Promise<SeedResult> {
  return dataSource.transaction(async (manager) => {
    const existing: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE lower(email) = lower($1)`,
      [admin.email],
    );
    let adminCreated = false;
    if (existing.length === 0) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO users (email, password_hash, full_name, role)
         VALUES ($1, $2, 'Administrator', $3)
         ON CONFLICT DO NOTHING RETURNING id`,
        [admin.email, await hashPassword(admin.password), UserRole.Admin],
      );
      adminCreated = inserted.length > 0;
    }

    const plansCreated: string[] = [];
    for (const plan of SEED_PLANS) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO plans (name, description, max_databases, max_domains, max_email_accounts, max_disk_gb,
                            price_monthly_cents, price_yearly_cents, nextpanel_package_id, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (name) DO NOTHING RETURNING id`,
        [
          plan.name,
          plan.description,
          plan.max_databases,
          plan.max_domains,
          plan.max_email_accounts,
          plan.max_disk_gb,
          plan.price_monthly_cents,
          plan.price_yearly_cents,
          plan.nextpanel_package_id,
          plan.sort_order,
        ],
      );
      if (inserted.length > 0) plansCreated.push(plan.name);
    }
    return { adminCreated, plansCreated };
  });
}
