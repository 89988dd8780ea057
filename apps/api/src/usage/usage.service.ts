import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountUsageCollection,
  AccountUsageQuery,
  AccountUsageResponse,
  AccountUsageSample,
  AccountUsageWarning,
  UsageMetric,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { notFound, validationFailed } from '../common/errors/domain.exception';
import { LicenseQuotaRow, percentages, quotaOf } from './usage-metrics';
import { UsageSettingsService } from './usage-settings.service';

/** More points than a chart can show: longer ranges come back as per-bucket peaks. */
export const MAX_USAGE_POINTS = 500;
const DEFAULT_RANGE_MS = 7 * 24 * 3600 * 1000;

interface SampleRow {
  sampled_at: Date;
  disk_used_mb: number;
  databases: number;
  domains: number;
  email_accounts: number;
  ssl_certificates: number;
}

const SAMPLE_COLUMNS = 'disk_used_mb, databases, domains, email_accounts, ssl_certificates';

@Injectable()
export class UsageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: UsageSettingsService,
  ) {}

  /**
   * Current usage against the license's quotas, and the series over [from, to]. With
   * `customerId` only that customer's accounts exist (another's id is a 404, like an unknown one).
   */
  async accountUsage(
    accountId: number,
    query: AccountUsageQuery,
    customerId?: number,
  ): Promise<AccountUsageResponse> {
    const { from, to } = rangeOf(query);
    const [account]: Array<LicenseQuotaRow & { id: number }> = await this.dataSource.query(
      `SELECT a.id, l.id AS license_id, l.max_disk_gb, l.max_databases, l.max_domains, l.max_email_accounts
       FROM hosting_accounts a LEFT JOIN licenses l ON l.id = a.license_id
       WHERE a.id = $1 AND ($2::int IS NULL OR a.customer_id = $2)`,
      [accountId, customerId ?? null],
    );
    if (!account) throw notFound('Hosting account');

    const [latest]: SampleRow[] = await this.dataSource.query(
      `SELECT sampled_at, ${SAMPLE_COLUMNS} FROM account_usage_samples
       WHERE account_id = $1 ORDER BY sampled_at DESC LIMIT 1`,
      [accountId],
    );
    const quota = quotaOf(account);
    const current = latest ? toSample(latest) : null;
    const [{ count }]: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM account_usage_samples
       WHERE account_id = $1 AND sampled_at BETWEEN $2 AND $3`,
      [accountId, from, to],
    );
    const bucketSeconds =
      count > MAX_USAGE_POINTS
        ? Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000 / (MAX_USAGE_POINTS - 1)))
        : null;
    const rows: SampleRow[] =
      bucketSeconds === null
        ? await this.dataSource.query(
            `SELECT sampled_at, ${SAMPLE_COLUMNS} FROM account_usage_samples
             WHERE account_id = $1 AND sampled_at BETWEEN $2 AND $3 ORDER BY sampled_at`,
            [accountId, from, to],
          )
        : // Peaks, not averages: what matters against a quota is how close usage came to it.
          await this.dataSource.query(
            `SELECT max(sampled_at) AS sampled_at, max(disk_used_mb) AS disk_used_mb,
                    max(databases) AS databases, max(domains) AS domains,
                    max(email_accounts) AS email_accounts, max(ssl_certificates) AS ssl_certificates
             FROM account_usage_samples
             WHERE account_id = $1 AND sampled_at BETWEEN $2 AND $3
             GROUP BY date_bin(make_interval(secs => $4), sampled_at, $2::timestamptz)
             ORDER BY 1`,
            [accountId, from, to, bucketSeconds],
          );

    const [settings, warnings, collection] = await Promise.all([
      this.settings.read(),
      this.warningsOf(accountId),
      customerId === undefined ? this.collectionOf(accountId) : Promise.resolve(null),
    ]);
    return {
      account_id: accountId,
      quota,
      current:
        current === null
          ? null
          : {
              ...current,
              percent:
                quota === null
                  ? null
                  : percentages(
                      {
                        disk: current.disk_used_mb,
                        databases: current.databases,
                        domains: current.domains,
                        email_accounts: current.email_accounts,
                      },
                      quota,
                    ),
            },
      warning_percent: settings.warning_percent,
      warnings,
      collection,
      from: from.toISOString(),
      to: to.toISOString(),
      bucket_seconds: bucketSeconds,
      samples: rows.map(toSample),
    };
  }

  private async warningsOf(accountId: number): Promise<AccountUsageWarning[]> {
    const rows: Array<{ metric: UsageMetric; percent: number; warned_at: Date }> =
      await this.dataSource.query(
        `SELECT metric, percent, warned_at FROM account_usage_warnings WHERE account_id = $1 ORDER BY metric`,
        [accountId],
      );
    return rows.map((row) => ({
      metric: row.metric,
      percent: Number(row.percent),
      warned_at: row.warned_at.toISOString(),
    }));
  }

  private async collectionOf(accountId: number): Promise<AccountUsageCollection | null> {
    const [row]: Array<{
      last_attempt_at: Date;
      last_success_at: Date | null;
      last_error: string | null;
      consecutive_failures: number;
    }> = await this.dataSource.query(
      `SELECT last_attempt_at, last_success_at, last_error, consecutive_failures
       FROM account_usage_state WHERE account_id = $1`,
      [accountId],
    );
    if (!row) return null;
    return {
      last_attempt_at: row.last_attempt_at.toISOString(),
      last_success_at: row.last_success_at?.toISOString() ?? null,
      last_error: row.last_error,
      consecutive_failures: row.consecutive_failures,
    };
  }
}

function rangeOf(query: AccountUsageQuery): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw validationFailed([{ field: 'from', message: 'from and to must be ISO 8601 dates' }]);
  }
  if (!(from.getTime() < to.getTime())) {
    throw validationFailed([{ field: 'from', message: 'from must be before to' }]);
  }
  return { from, to };
}

function toSample(row: SampleRow): AccountUsageSample {
  return {
    sampled_at: row.sampled_at.toISOString(),
    disk_used_mb: Number(row.disk_used_mb),
    databases: Number(row.databases),
    domains: Number(row.domains),
    email_accounts: Number(row.email_accounts),
    ssl_certificates: Number(row.ssl_certificates),
  };
}
