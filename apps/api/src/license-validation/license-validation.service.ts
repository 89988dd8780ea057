import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QuotaFeature, ValidateLicenseResponse } from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { RateLimitService, secondsUntil } from '../common/rate-limit/rate-limit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { PanelClient } from '../panel-client/panel-client';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { ValidateLicenseDto } from './dto/validate-license.dto';
import { SIGNATURE_MAX_AGE_SECONDS, signatureMatches, signQuotaRequest } from './quota-signature';

const STATS_TIMEOUT_MS = 3000;
const refused = (code: string, message: string) =>
  new DomainException(HttpStatus.UNAUTHORIZED, code, message);

interface LicenseOnServer {
  license_id: number;
  status: string;
  max_databases: number;
  max_domains: number;
  max_email_accounts: number;
  max_disk_gb: number;
  nextpanel_user_id: number | null;
  subscription_status: string | null;
  current_period_end: Date | null;
}

/**
 * The panel's call-back before it creates a database, domain or mailbox. The caller is a
 * registered panel server (its API key in `X-API-Key`) that signs the request with its API
 * secret; a stale, forged or replayed request is refused before anything about the license is
 * revealed. Usage is read live from the panel, so the answer reflects what exists right now.
 */
@Injectable()
export class LicenseValidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rateLimits: RateLimitService,
    private readonly servers: ServersService,
    private readonly panel: PanelClient,
  ) {}

  async validate(
    apiKey: string | undefined,
    request: ValidateLicenseDto,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<ValidateLicenseResponse> {
    const server = apiKey
      ? await this.dataSource.getRepository(PanelServer).findOneBy({ apiKey, isActive: true })
      : null;
    if (!server)
      throw refused('UNKNOWN_PANEL', 'X-API-Key does not belong to an active panel server');

    const limit = await this.rateLimits.hit(`license-validate:server:${server.id}`, 60);
    if (limit.hits > this.config.licenseValidation.perServerPerMinute) {
      const retryAfter = secondsUntil(limit.resetAt);
      throw new DomainException(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        `Too many validations from this server; retry in ${retryAfter} s`,
        undefined,
        {
          'Retry-After': String(retryAfter),
        },
      );
    }
    if (Math.abs(nowSeconds - request.timestamp) > SIGNATURE_MAX_AGE_SECONDS) {
      throw refused(
        'STALE_TIMESTAMP',
        `timestamp is more than ${SIGNATURE_MAX_AGE_SECONDS} seconds from the billing server's clock`,
      );
    }
    const secret = this.servers.connectionOf(server).apiSecret;
    if (
      !signatureMatches(
        signQuotaRequest(
          secret,
          request.timestamp,
          request.license_key,
          request.feature,
          request.nonce,
        ),
        request.signature,
      )
    ) {
      throw refused('INVALID_SIGNATURE', 'signature does not match the request');
    }
    const fresh: unknown[] = await this.dataSource.query(
      `INSERT INTO license_validation_signatures (server_id, signature, expires_at)
       VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING RETURNING signature`,
      [server.id, request.signature.toLowerCase(), request.timestamp + SIGNATURE_MAX_AGE_SECONDS],
    );
    if (fresh.length === 0)
      throw refused('REPLAYED_REQUEST', 'this signed request was already used');
    await this.dataSource.query(
      `DELETE FROM license_validation_signatures WHERE server_id = $1 AND expires_at < now()`,
      [server.id],
    );

    return this.evaluate(server, request.license_key, request.feature);
  }

  private async evaluate(
    server: PanelServer,
    licenseKey: string,
    feature: QuotaFeature,
  ): Promise<ValidateLicenseResponse> {
    const [license]: LicenseOnServer[] = await this.dataSource.query(
      `SELECT l.id AS license_id, l.status, l.max_databases, l.max_domains, l.max_email_accounts, l.max_disk_gb,
              a.nextpanel_user_id, s.status AS subscription_status, s.current_period_end
       FROM licenses l
       JOIN hosting_accounts a ON a.license_id = l.id AND a.server_id = $2 AND a.status IN ('active', 'suspended')
       LEFT JOIN subscriptions s ON s.license_id = l.id
       WHERE l.license_key = $1
       ORDER BY a.id DESC LIMIT 1`,
      [licenseKey, server.id],
    );
    if (!license) return { valid: false, error: 'License not found on this server' };
    if (license.status !== 'active') return { valid: false, error: `License is ${license.status}` };
    if (
      license.subscription_status === 'cancelled' ||
      (license.current_period_end &&
        license.current_period_end < new Date() &&
        license.subscription_status !== 'active')
    ) {
      return { valid: false, error: 'License has expired' };
    }
    if (license.nextpanel_user_id === null)
      return { valid: false, error: 'The hosting account is not provisioned yet' };

    let stats;
    try {
      stats = await this.panel.accountStats(
        this.servers.connectionOf(server),
        license.nextpanel_user_id,
        STATS_TIMEOUT_MS,
      );
    } catch {
      return { valid: false, error: 'Current usage could not be read from the panel' };
    }
    const [limit, used, what] = ((): [number, number, string] => {
      switch (feature) {
        case 'create_database':
          return [license.max_databases, stats.total_databases, 'Database'];
        case 'create_domain':
          return [license.max_domains, stats.total_domains, 'Domain'];
        case 'create_email_account':
          return [license.max_email_accounts, stats.total_email_accounts, 'Email account'];
        case 'use_disk':
          return [license.max_disk_gb * 1024, stats.storage_used, 'Disk (MB)'];
      }
    })();
    const remaining = limit - used;
    if (remaining <= 0)
      return { valid: false, error: `${what} quota reached (${used} of ${limit})` };
    return { valid: true, remaining_quota: remaining };
  }
}
