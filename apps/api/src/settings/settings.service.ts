import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { validationFailed } from '../common/errors/domain.exception';

/**
 * Admin-editable settings, one JSON document per group. Each feature owns its group: it passes
 * its defaults (from the environment) and validates what admins send before `update`.
 */
@Injectable()
export class SettingsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The group's stored values over its defaults; fields added later take their default. */
  async read<T extends object>(key: string, defaults: T): Promise<T> {
    const rows: Array<{ value: Partial<T> }> = await this.dataSource.query(
      `SELECT value FROM settings WHERE key = $1`,
      [key],
    );
    return { ...defaults, ...(rows[0]?.value ?? {}) };
  }

  /** Merges `changes` into the group and records the change in the audit log. */
  async update<T extends object>(key: string, defaults: T, changes: Partial<T>): Promise<T> {
    const named = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (named.length === 0)
      throw validationFailed([{ field: 'body', message: 'send at least one setting to change' }]);
    return this.dataSource.transaction(async (manager) => {
      // The row lock makes two concurrent updates merge instead of one overwriting the other.
      await manager.query(
        `INSERT INTO settings (key, value) VALUES ($1, '{}'::jsonb) ON CONFLICT (key) DO NOTHING`,
        [key],
      );
      const rows: Array<{ value: Partial<T> }> = await manager.query(
        `SELECT value FROM settings WHERE key = $1 FOR UPDATE`,
        [key],
      );
      const before = { ...defaults, ...(rows[0]?.value ?? {}) };
      const after = { ...before, ...changes };
      // Saving what is already there changes nothing and leaves no audit entry.
      if (JSON.stringify(after) === JSON.stringify(before)) return after;
      await manager.query(`UPDATE settings SET value = $2, updated_at = now() WHERE key = $1`, [
        key,
        JSON.stringify(after),
      ]);
      await this.audit.record(
        { action: 'settings.update', entityType: 'settings', entityId: key, before, after },
        manager,
      );
      return after;
    });
  }
}
