import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IdempotencyErrorCode,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { returnedRows } from '../common/database/returned-rows';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { canonicalJson, RequestFingerprint } from './request-fingerprint';

/** A key this request holds: it alone runs the handler until it completes or releases it. */
export interface KeyClaim {
  id: string;
  token: string;
}

/** The first response, as the client received it. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

type ClaimAttempt =
  | { outcome: 'claimed'; claim: KeyClaim }
  | { outcome: 'completed'; response: StoredResponse }
  | { outcome: 'mismatch' }
  | { outcome: 'in_progress' }
  /** The row went away between two statements (released, or expired and purged): try again. */
  | { outcome: 'vanished' };

export type Acquired =
  { outcome: 'claimed'; claim: KeyClaim } | { outcome: 'completed'; response: StoredResponse };

interface KeyRow {
  state: 'in_progress' | 'completed';
  request_method: string;
  request_path: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  expired: boolean;
}

const FIRST_PAUSE_MS = 25;
const LONGEST_PAUSE_MS = 250;

/**
 * Claims, in one statement, the key for this request: a new key is inserted; an existing row is
 * taken over only when it has expired (24 h, nothing running) or when its request's lease ran out
 * (its process died) and this is the same request. Anything else leaves the row alone and
 * returns nothing. `ON CONFLICT` makes the unique index the arbiter, so of any number of parallel
 * requests exactly one gets a row back.
 */
const CLAIM_SQL = `
  INSERT INTO idempotency_keys AS k
    (principal, idempotency_key, request_method, request_path, request_hash, state, lock_token,
     locked_until, expires_at)
  VALUES ($1, $2, $3, $4, $5, 'in_progress', $6,
          now() + make_interval(secs => $7), now() + make_interval(hours => $8))
  ON CONFLICT (principal, idempotency_key) DO UPDATE SET
    request_method = EXCLUDED.request_method,
    request_path = EXCLUDED.request_path,
    request_hash = EXCLUDED.request_hash,
    state = 'in_progress',
    lock_token = EXCLUDED.lock_token,
    locked_until = EXCLUDED.locked_until,
    response_status = NULL,
    response_body = NULL,
    response_headers = NULL,
    completed_at = NULL,
    created_at = CASE WHEN k.expires_at <= now() THEN now() ELSE k.created_at END,
    expires_at = CASE WHEN k.expires_at <= now() THEN EXCLUDED.expires_at ELSE k.expires_at END
  WHERE (k.state = 'completed' AND k.expires_at <= now())
     OR (k.state = 'in_progress' AND k.locked_until <= now()
         AND (k.expires_at <= now()
              OR (k.request_method = EXCLUDED.request_method
                  AND k.request_path = EXCLUDED.request_path
                  AND k.request_hash = EXCLUDED.request_hash)))
  RETURNING k.id`;

/**
 * The `idempotency_keys` table: claim a key, wait for a key another request holds, store the
 * response, or release the key so a retry may run. Every state change is one conditional
 * statement keyed by the claim's token, so a request that lost its lease cannot overwrite the
 * request that took the key over.
 */
@Injectable()
export class IdempotencyKeysService {
  private readonly logger = new Logger(IdempotencyKeysService.name);
  private readonly hashKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'idempotency' | 'encryptionKey'>,
  ) {
    // Bodies carry passwords: a plain SHA-256 of them kept for a day could be brute-forced from
    // a database dump, an HMAC under a key derived from ENCRYPTION_KEY cannot.
    this.hashKey = Buffer.from(
      hkdfSync('sha256', config.encryptionKey, Buffer.alloc(0), 'idempotency-request-hash', 32),
    );
  }

  get leaseSeconds(): number {
    return this.config.idempotency.leaseSeconds;
  }

  /** HMAC-SHA-256 (hex) of the canonical JSON of a request body. */
  hashBody(body: unknown): string {
    return createHmac('sha256', this.hashKey).update(canonicalJson(body)).digest('hex');
  }

  /**
   * Claims the key, or answers with its stored response. While another request holds the key
   * this waits (polling with backoff, so it works across API processes) up to IDEMPOTENCY_WAIT_MS,
   * then gives up with 409 IDEMPOTENCY_KEY_IN_USE. A different request under the key is 422.
   */
  async acquire(fingerprint: RequestFingerprint): Promise<Acquired> {
    const deadline = Date.now() + this.config.idempotency.waitMs;
    let pause = FIRST_PAUSE_MS;
    for (;;) {
      const attempt = await this.tryClaim(fingerprint);
      switch (attempt.outcome) {
        case 'claimed':
        case 'completed':
          return attempt;
        case 'mismatch':
          throw new DomainException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            IdempotencyErrorCode.KeyReused,
            `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request (body, method or path); use a new key for a new request`,
          );
        case 'vanished':
          break;
        case 'in_progress': {
          const left = deadline - Date.now();
          if (left <= 0) {
            throw new DomainException(
              HttpStatus.CONFLICT,
              IdempotencyErrorCode.KeyInUse,
              `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly to get its response`,
              undefined,
              { 'Retry-After': '1' },
            );
          }
          await sleep(Math.min(pause, left));
          pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
          break;
        }
      }
    }
  }

  /** Stores the response the client got; the key then replays it until it expires. */
  async complete(claim: KeyClaim, response: StoredResponse): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE idempotency_keys
       SET state = 'completed', response_status = $3, response_body = $4::json,
           response_headers = $5::jsonb, lock_token = NULL, locked_until = NULL, completed_at = now()
       WHERE id = $1 AND lock_token = $2 AND state = 'in_progress'`,
      [
        claim.id,
        claim.token,
        response.status,
        response.body === undefined ? null : JSON.stringify(response.body),
        JSON.stringify(response.headers),
      ],
    );
    return Number(affected) === 1;
  }

  /** Gives the key up without a stored response, so the next request with it runs afresh. */
  async release(claim: KeyClaim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE id = $1 AND lock_token = $2 AND state = 'in_progress'`,
      [claim.id, claim.token],
    );
  }

  /**
   * Renews the claim's lease every third of it while the handler runs, so a slow request keeps
   * its key and only a dead process's key frees up. Returns the function that stops renewing.
   */
  keepAlive(claim: KeyClaim): () => void {
    const timer = setInterval(
      () => {
        this.renew(claim).then(
          (held) => {
            if (!held) this.logger.warn({ claimId: claim.id }, 'Idempotency key lease lost');
          },
          (error: unknown) =>
            this.logger.warn(
              { err: error, claimId: claim.id },
              'Renewing an idempotency key failed',
            ),
        );
      },
      (this.leaseSeconds * 1000) / 3,
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  private async renew(claim: KeyClaim): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND lock_token = $2 AND state = 'in_progress'`,
      [claim.id, claim.token, this.leaseSeconds],
    );
    return Number(affected) === 1;
  }

  private async tryClaim(fingerprint: RequestFingerprint): Promise<ClaimAttempt> {
    const token = randomUUID();
    const claimed = returnedRows<{ id: string }>(
      await this.dataSource.query(CLAIM_SQL, [
        fingerprint.principal,
        fingerprint.key,
        fingerprint.method,
        fingerprint.path,
        fingerprint.hash,
        token,
        this.leaseSeconds,
        IDEMPOTENCY_KEY_TTL_HOURS,
      ]),
    );
    if (claimed.length === 1) return { outcome: 'claimed', claim: { id: claimed[0].id, token } };

    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT state, request_method, request_path, request_hash, response_status, response_body,
              response_headers, expires_at <= now() AS expired
       FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2`,
      [fingerprint.principal, fingerprint.key],
    );
    const row = rows[0];
    if (!row || (row.expired && row.state === 'completed')) return { outcome: 'vanished' };
    if (
      row.request_method !== fingerprint.method ||
      row.request_path !== fingerprint.path ||
      row.request_hash !== fingerprint.hash
    ) {
      return { outcome: 'mismatch' };
    }
    if (row.state === 'completed') {
      return {
        outcome: 'completed',
        response: {
          status: row.response_status ?? HttpStatus.OK,
          body: row.response_body ?? undefined,
          headers: row.response_headers ?? {},
        },
      };
    }
    return { outcome: 'in_progress' };
  }
}
