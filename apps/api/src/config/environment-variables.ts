import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no', ''].includes(normalised)) return false;
  return value;
};

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

/**
 * Every environment variable the API reads, with its rules. Property names are the variable names,
 * so a validation message names the variable the operator has to fix.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8001;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// connection URL',
  })
  DATABASE_URL!: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  JWT_EXPIRES_IN_SECONDS = 24 * 3600;

  @IsOptional()
  @Matches(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message:
      'ENCRYPTION_KEY must be 32 bytes, written as 64 hex characters or 44 base64 characters',
  })
  ENCRYPTION_KEY?: string;

  @IsString()
  DATA_DIR = '.data';

  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL = 'admin@test.com';

  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters long' })
  ADMIN_PASSWORD = 'Admin123!';

  @IsString()
  CORS_ORIGINS = 'http://localhost:4000,http://127.0.0.1:4000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_IP = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_EMAIL = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_WINDOW_SECONDS = 900;

  /**
   * How long an authenticated user's id, email and role are reused without asking the database.
   * Any change to the user is pushed to every process at once (NOTIFY), so this is only a backstop;
   * 0 turns the cache off and every request looks the user up.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  AUTH_CACHE_TTL_MS = 60_000;

  /** How long billing waits for a panel server before it gives up on a call. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PANEL_TIMEOUT_MS = 15_000;

  /** e.g. smtp://user:pass@mail.example.com:587; unset keeps emails in the outbox (visible in the dashboard). */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'NextPanel Billing <billing@localhost>';

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_ALERT_EMAIL must be an email address' })
  ADMIN_ALERT_EMAIL?: string;

  /** Where customers and admins open the SPA; used in emails and Stripe's return URLs. */
  @Matches(/^https?:\/\/[^\s#?]+$/, {
    message: 'PUBLIC_APP_URL must be an http(s) URL without query or fragment',
  })
  PUBLIC_APP_URL = 'http://localhost:4000';

  @IsOptional()
  @Matches(/^sk_(test|live)_[A-Za-z0-9]+$/, {
    message: 'STRIPE_SECRET_KEY must look like sk_test_… or sk_live_…',
  })
  STRIPE_SECRET_KEY?: string;

  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/=]+$/, { message: 'STRIPE_WEBHOOK_SECRET must look like whsec_…' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Test-only: send Stripe API calls to a local stand-in, e.g. http://127.0.0.1:12111. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'STRIPE_API_BASE must be an http(s) origin' })
  STRIPE_API_BASE?: string;

  /** How often Stripe is asked for paid checkouts and invoices whose webhook never arrived. */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  STRIPE_RECONCILIATION_INTERVAL_MS = 10 * 60_000;

  /** Quota call-backs accepted per panel server per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LICENSE_VALIDATE_PER_SERVER_PER_MINUTE = 600;

  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOBS_CONCURRENCY = 5;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  JOBS_POLL_INTERVAL_MS = 1000;

  /** How long a claimed job is its worker's; after that another worker may take it over. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOBS_LEASE_SECONDS = 120;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  JOBS_RETRY_BASE_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  JOBS_RETRY_MAX_MS = 15 * 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOBS_MAX_ATTEMPTS = 8;

  /** Recurring jobs (server health checks); tests switch it off and drive the clock themselves. */
  @Transform(toBool)
  @IsBoolean()
  SCHEDULER_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(5_000)
  SERVER_HEALTH_CHECK_INTERVAL_MS = 60_000;

  /** Utilisation (percent) above which admins are told a server is filling up, once per crossing. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  CAPACITY_ALERT_PERCENT = 90;

  /** How often a paid order waiting for a free server slot looks again. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  ORDER_CAPACITY_RECHECK_MS = 60_000;

  /** How often each active hosting account's usage is read from its panel and stored. */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  USAGE_COLLECT_INTERVAL_MS = 15 * 60_000;

  /** How long the usage collection waits for one account's stats before moving on. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  USAGE_STATS_TIMEOUT_MS = 5000;

  /** Panel servers whose accounts are read at the same time during a usage collection. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  USAGE_SERVER_CONCURRENCY = 4;

  /** Percent of a quota at which the customer is warned, once per crossing (admins can change it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  USAGE_WARNING_PERCENT = 90;

  /** The warning re-arms once usage drops this many points below the threshold. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  USAGE_WARNING_HYSTERESIS_PERCENT = 5;

  /** Usage samples older than this are deleted by the hourly housekeeping. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3660)
  USAGE_RETENTION_DAYS = 90;

  /**
   * How long a request waits for another request with the same Idempotency-Key to finish before
   * answering 409 IDEMPOTENCY_KEY_IN_USE. Above PANEL_TIMEOUT_MS, so a retry normally gets the replay.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  IDEMPOTENCY_WAIT_MS = 20_000;

  /**
   * The lease on a key whose request is running, renewed while it runs; a key whose process died
   * is free for a retry this long after the last renewal.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS = 30;

  /**
   * Default of the admin setting that lets webhook endpoints use private, loopback and link-local
   * addresses (an internal receiver). Off: a webhook URL must not reach into the internal network.
   */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE_TARGETS = false;

  /** How long one webhook delivery waits for the receiver's answer. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOKS_TIMEOUT_MS = 10_000;

  /** Webhook retries: exponential backoff from this delay (with jitter)… */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOKS_RETRY_BASE_MS = 30_000;

  /** …up to this delay between two attempts… */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOKS_RETRY_MAX_MS = 60 * 60_000;

  /** …for at most this many attempts or this long after the first, whichever comes first. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOKS_MAX_ATTEMPTS = 40;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  WEBHOOKS_RETRY_WINDOW_MS = 24 * 60 * 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

  /** How often the billing automation looks at subscriptions (once across all API processes). */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  @Max(24 * 60 * 60_000)
  AUTOMATION_INTERVAL_MS = 60 * 60_000;

  /** Defaults of the admin-editable `automation` settings (Automation page). */
  @Transform(toBool)
  @IsBoolean()
  AUTOMATION_ENABLED = true;

  /** Comma-separated days before a non-renewing period ends that the customer is warned. */
  @Matches(/^\s*(\d{1,2}\s*(,\s*\d{1,2}\s*){0,4})?$/, {
    message: 'AUTOMATION_EXPIRY_WARNING_DAYS must be up to 5 comma-separated day counts, e.g. 7,1',
  })
  AUTOMATION_EXPIRY_WARNING_DAYS = '7,1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  AUTOMATION_RENEWAL_REMINDER_DAYS = 7;

  @Transform(toBool)
  @IsBoolean()
  AUTOMATION_SUSPEND_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  AUTOMATION_SUSPEND_AFTER_DAYS = 3;

  @Transform(toBool)
  @IsBoolean()
  AUTOMATION_UNSUSPEND_ON_PAYMENT = true;

  @Transform(toBool)
  @IsBoolean()
  AUTOMATION_TERMINATE_ENABLED = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  AUTOMATION_TERMINATE_AFTER_DAYS = 30;
}
