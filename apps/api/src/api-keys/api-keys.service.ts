import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  API_KEY_PREFIX,
  API_KEY_SCOPES,
  ApiKeyResponse,
  ApiKeyScopeResponse,
  ApiKeyStatus,
  apiKeyScopeInfo,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  isApiKeyScope,
} from '@nextpanel/shared';
import { DataSource, Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { notFound, validationFailed } from '../common/errors/domain.exception';
import { ApiKey } from './api-key.entity';

/** `nbk_` and 8 characters of the random part: tells keys apart, useless to an attacker. */
const KEY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** The random part: 32 bytes (256 bits), base64url, 43 characters. */
const SECRET_BYTES = 32;
/** `last_used_at` is written at most this often per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The key behind an authenticated request, as the auth guard needs it. */
export interface ApiKeyPrincipal {
  id: number;
  name: string;
  scopes: readonly string[];
  createdById: number | null;
}

export type ApiKeyAuthentication =
  { ok: true; key: ApiKeyPrincipal } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

export const hashApiKeySecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Every key, revoked and expired ones included, newest first. Never a secret. */
  async list(): Promise<ApiKeyResponse[]> {
    const keys = await this.keys.find({
      relations: { createdBy: true },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return keys.map((key) => toApiKeyResponse(key));
  }

  scopes(): ApiKeyScopeResponse[] {
    return API_KEY_SCOPES.map(apiKeyScopeInfo);
  }

  /** Creates a key; the answer is the only place its secret ever appears. */
  async create(request: CreateApiKeyRequest, createdById: number): Promise<CreatedApiKeyResponse> {
    const expiresAt = request.expires_at ? new Date(request.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw validationFailed([
        { field: 'expires_at', message: 'expires_at must be in the future' },
      ]);
    }
    const secret = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
    const created = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      const saved = await repository.save(
        repository.create({
          name: request.name,
          keyPrefix: secret.slice(0, KEY_PREFIX_LENGTH),
          secretHash: hashApiKeySecret(secret),
          // In the catalogue's order, whatever order the request listed them in.
          scopes: API_KEY_SCOPES.filter((scope) => request.scopes.includes(scope)),
          expiresAt,
          createdById,
        }),
      );
      const key = await repository.findOneOrFail({
        where: { id: saved.id },
        relations: { createdBy: true },
      });
      const response = toApiKeyResponse(key);
      await this.audit.record(
        { action: 'api_key.create', entityType: 'api_key', entityId: key.id, after: response },
        manager,
      );
      return response;
    });
    return { ...created, secret };
  }

  /** Revokes a key for good; the row stays (with `revoked_at`). Revoking twice changes nothing. */
  async revoke(id: number): Promise<ApiKeyResponse> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      // Locked alone first: FOR UPDATE cannot cover the outer join that loads the creator.
      const locked: unknown[] = await manager.query(
        `SELECT id FROM api_keys WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (locked.length === 0) throw notFound('API key');
      const key = await repository.findOneOrFail({ where: { id }, relations: { createdBy: true } });
      if (key.revokedAt) return toApiKeyResponse(key);
      const before = toApiKeyResponse(key);
      await repository.update({ id }, { revokedAt: () => 'now()' });
      const revoked = await repository.findOneOrFail({
        where: { id },
        relations: { createdBy: true },
      });
      const after = toApiKeyResponse(revoked);
      await this.audit.record(
        { action: 'api_key.revoke', entityType: 'api_key', entityId: id, before, after },
        manager,
      );
      return after;
    });
  }

  /**
   * Finds the key a bearer secret belongs to, by the hash's unique index (the secret is never
   * compared as text, so response times reveal nothing about it). Records the use at most once a
   * minute per key, so a busy integration does not cost a write per request.
   */
  async authenticate(secret: string, ip: string | null): Promise<ApiKeyAuthentication> {
    const key = await this.keys.findOne({
      where: { secretHash: hashApiKeySecret(secret) },
      select: {
        id: true,
        name: true,
        scopes: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        createdById: true,
      },
    });
    if (!key) return { ok: false, reason: 'unknown' };
    if (key.revokedAt) return { ok: false, reason: 'revoked' };
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
      return { ok: false, reason: 'expired' };
    }
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // The condition is repeated in SQL so concurrent requests (and replicas) write once.
      await this.dataSource.query(
        `UPDATE api_keys SET last_used_at = now(), last_used_ip = $2
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - $3 * interval '1 millisecond')`,
        [key.id, ip?.slice(0, 64) ?? null, LAST_USED_RESOLUTION_MS],
      );
    }
    return {
      ok: true,
      key: { id: key.id, name: key.name, scopes: key.scopes, createdById: key.createdById },
    };
  }
}

export function apiKeyStatus(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export function toApiKeyResponse(key: ApiKey): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    key_prefix: key.keyPrefix,
    // A scope withdrawn from the catalogue in a later version is simply no longer shown.
    scopes: key.scopes.filter(isApiKeyScope),
    status: apiKeyStatus(key),
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    last_used_ip: key.lastUsedIp,
    created_by: key.createdBy?.email ?? null,
    created_at: key.createdAt.toISOString(),
  };
}
