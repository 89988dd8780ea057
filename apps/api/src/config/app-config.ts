import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables, NodeEnvironment } from './environment-variables';

export const DEFAULT_ADMIN_PASSWORD = 'Admin123!';

/** The API's whole configuration, typed. Built once at boot; nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: NodeEnvironment;
  isProduction: boolean;
  http: {
    host: string;
    port: number;
    corsOrigins: string[];
    trustProxy: boolean;
    bodyLimitBytes: number;
  };
  database: { url: string; poolSize: number };
  auth: {
    jwtSecret: string;
    jwtExpiresInSeconds: number;
    loginRateLimit: { perIp: number; perEmail: number; windowSeconds: number };
    /** 0: no principal cache, every request looks its user up. */
    principalCacheTtlMs: number;
  };
  encryptionKey: Buffer;
  panel: { timeoutMs: number };
  mail: { smtpUrl: string | null; from: string; adminAlertEmail: string };
  publicAppUrl: string;
  licenseValidation: { perServerPerMinute: number };
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | null } | null;
  payments: { reconciliationIntervalMs: number };
  jobs: {
    enabled: boolean;
    concurrency: number;
    pollIntervalMs: number;
    leaseSeconds: number;
    retryBaseMs: number;
    retryMaxMs: number;
    defaultMaxAttempts: number;
    capacityRecheckMs: number;
    schedulerEnabled: boolean;
  };
  monitoring: { healthCheckIntervalMs: number; capacityAlertPercent: number };
  webhooks: {
    allowPrivateTargets: boolean;
    timeoutMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
    retryWindowMs: number;
  };
  idempotency: { waitMs: number; leaseSeconds: number };
  automation: {
    intervalMs: number;
    enabled: boolean;
    expiryWarningDays: number[];
    renewalReminderDays: number;
    suspendEnabled: boolean;
    suspendAfterDays: number;
    unsuspendOnPayment: boolean;
    terminateEnabled: boolean;
    terminateAfterDays: number;
  };
  usage: {
    collectIntervalMs: number;
    statsTimeoutMs: number;
    serverConcurrency: number;
    warningPercent: number;
    hysteresisPercent: number;
    retentionDays: number;
  };
  dataDir: string;
  admin: { email: string; password: string };
  logLevel: string;
  /** Set when a dev secret had to be generated, so boot can say so once. */
  notices: string[];
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates the environment and returns the typed configuration, or throws a
 * ConfigValidationError listing every variable that is wrong.
 */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty value counts as unset, as with `STRIPE_SECRET_KEY=` in a compose file.
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = validateSync(vars, { whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  const isProduction = vars.NODE_ENV === 'production';
  if (Boolean(vars.STRIPE_SECRET_KEY) !== Boolean(vars.STRIPE_WEBHOOK_SECRET)) {
    problems.push('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together');
  }
  const expiryWarningDays = parseDayList(vars.AUTOMATION_EXPIRY_WARNING_DAYS);
  if (expiryWarningDays.some((days) => days < 1 || days > 90)) {
    problems.push('AUTOMATION_EXPIRY_WARNING_DAYS: each day count must be from 1 to 90');
  }
  if (isProduction) problems.push(...productionProblems(vars));
  if (problems.length > 0) throw new ConfigValidationError(problems);

  const notices: string[] = [];
  const dataDir = resolve(vars.DATA_DIR);
  const jwtSecret =
    vars.JWT_SECRET ?? loadOrCreateDevSecret(join(dataDir, 'secrets', 'jwt-secret'), 48, notices);
  const encryptionKeyText =
    vars.ENCRYPTION_KEY ??
    loadOrCreateDevSecret(join(dataDir, 'secrets', 'encryption-key'), 32, notices, 'hex');

  return {
    nodeEnv: vars.NODE_ENV,
    isProduction,
    http: {
      host: vars.HOST,
      port: vars.PORT,
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxy: vars.TRUST_PROXY,
      bodyLimitBytes: vars.REQUEST_BODY_LIMIT_BYTES,
    },
    database: { url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE },
    auth: {
      jwtSecret,
      jwtExpiresInSeconds: vars.JWT_EXPIRES_IN_SECONDS,
      loginRateLimit: {
        perIp: vars.LOGIN_RATE_LIMIT_PER_IP,
        perEmail: vars.LOGIN_RATE_LIMIT_PER_EMAIL,
        windowSeconds: vars.LOGIN_RATE_LIMIT_WINDOW_SECONDS,
      },
      principalCacheTtlMs: vars.AUTH_CACHE_TTL_MS,
    },
    encryptionKey: decodeEncryptionKey(encryptionKeyText),
    panel: { timeoutMs: vars.PANEL_TIMEOUT_MS },
    monitoring: {
      healthCheckIntervalMs: vars.SERVER_HEALTH_CHECK_INTERVAL_MS,
      capacityAlertPercent: vars.CAPACITY_ALERT_PERCENT,
    },
    webhooks: {
      allowPrivateTargets: vars.WEBHOOKS_ALLOW_PRIVATE_TARGETS,
      timeoutMs: vars.WEBHOOKS_TIMEOUT_MS,
      retryBaseMs: vars.WEBHOOKS_RETRY_BASE_MS,
      retryMaxMs: vars.WEBHOOKS_RETRY_MAX_MS,
      maxAttempts: vars.WEBHOOKS_MAX_ATTEMPTS,
      retryWindowMs: vars.WEBHOOKS_RETRY_WINDOW_MS,
    },
    idempotency: {
      waitMs: vars.IDEMPOTENCY_WAIT_MS,
      leaseSeconds: vars.IDEMPOTENCY_LEASE_SECONDS,
    },
    automation: {
      intervalMs: vars.AUTOMATION_INTERVAL_MS,
      enabled: vars.AUTOMATION_ENABLED,
      expiryWarningDays,
      renewalReminderDays: vars.AUTOMATION_RENEWAL_REMINDER_DAYS,
      suspendEnabled: vars.AUTOMATION_SUSPEND_ENABLED,
      suspendAfterDays: vars.AUTOMATION_SUSPEND_AFTER_DAYS,
      unsuspendOnPayment: vars.AUTOMATION_UNSUSPEND_ON_PAYMENT,
      terminateEnabled: vars.AUTOMATION_TERMINATE_ENABLED,
      terminateAfterDays: vars.AUTOMATION_TERMINATE_AFTER_DAYS,
    },
    usage: {
      collectIntervalMs: vars.USAGE_COLLECT_INTERVAL_MS,
      statsTimeoutMs: vars.USAGE_STATS_TIMEOUT_MS,
      serverConcurrency: vars.USAGE_SERVER_CONCURRENCY,
      warningPercent: vars.USAGE_WARNING_PERCENT,
      hysteresisPercent: vars.USAGE_WARNING_HYSTERESIS_PERCENT,
      retentionDays: vars.USAGE_RETENTION_DAYS,
    },
    mail: {
      smtpUrl: vars.SMTP_URL ?? null,
      from: vars.MAIL_FROM,
      adminAlertEmail: (vars.ADMIN_ALERT_EMAIL ?? vars.ADMIN_EMAIL).toLowerCase(),
    },
    licenseValidation: { perServerPerMinute: vars.LICENSE_VALIDATE_PER_SERVER_PER_MINUTE },
    publicAppUrl: vars.PUBLIC_APP_URL.replace(/\/+$/, ''),
    stripe:
      vars.STRIPE_SECRET_KEY && vars.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: vars.STRIPE_SECRET_KEY,
            webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
            apiBase: vars.STRIPE_API_BASE ?? null,
          }
        : null,
    payments: { reconciliationIntervalMs: vars.STRIPE_RECONCILIATION_INTERVAL_MS },
    jobs: {
      enabled: vars.JOBS_ENABLED,
      concurrency: vars.JOBS_CONCURRENCY,
      pollIntervalMs: vars.JOBS_POLL_INTERVAL_MS,
      leaseSeconds: vars.JOBS_LEASE_SECONDS,
      retryBaseMs: vars.JOBS_RETRY_BASE_MS,
      retryMaxMs: vars.JOBS_RETRY_MAX_MS,
      defaultMaxAttempts: vars.JOBS_MAX_ATTEMPTS,
      capacityRecheckMs: vars.ORDER_CAPACITY_RECHECK_MS,
      schedulerEnabled: vars.SCHEDULER_ENABLED,
    },
    dataDir,
    admin: { email: vars.ADMIN_EMAIL.toLowerCase(), password: vars.ADMIN_PASSWORD },
    logLevel: vars.LOG_LEVEL,
    notices,
  };
}

function productionProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (!vars.JWT_SECRET) {
    problems.push('JWT_SECRET is required in production (at least 32 random characters)');
  }
  if (!vars.ENCRYPTION_KEY) {
    problems.push(
      'ENCRYPTION_KEY is required in production (32 bytes: `openssl rand -hex 32`); it encrypts panel API secrets at rest',
    );
  }
  if (vars.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD) {
    problems.push('ADMIN_PASSWORD must be changed from the development default in production');
  }
  return problems;
}

/** `"7, 1"` → [7, 1] (largest first, no repeats); an empty value → []. */
function parseDayList(text: string): number[] {
  const days = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  return [...new Set(days)].sort((a, b) => b - a);
}

function decodeEncryptionKey(text: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/**
 * Development convenience only: a secret generated once and kept under DATA_DIR, so tokens and
 * encrypted panel secrets survive restarts without anyone having to invent a key.
 */
function loadOrCreateDevSecret(
  path: string,
  bytes: number,
  notices: string[],
  encoding: 'hex' | 'base64url' = 'base64url',
): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(bytes).toString(encoding);
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  notices.push(`Generated a development secret at ${path}`);
  return secret;
}
