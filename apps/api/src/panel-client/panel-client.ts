import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { PanelError } from './panel-error';

export interface PanelConnection {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
}

export interface PanelAccount {
  id: number;
  username: string;
  email: string;
  status: string;
  [field: string]: unknown;
}

export interface PanelAccountStats {
  user_id: number;
  username: string;
  email: string;
  total_domains: number;
  total_databases: number;
  total_email_accounts: number;
  total_ssl_certificates: number;
  storage_used: number;
  last_login: string | null;
  account_age_days: number;
}

export interface CreatePanelAccount {
  username: string;
  email: string;
  password: string;
  full_name: string;
  phone: string | null;
  company: string | null;
  package_id: number | null;
  /** The license's quotas, when the account is tied to one (ours: panels that know quotas apply them). */
  quotas?: Record<string, number>;
  is_admin: false;
  billing_id: string;
  metadata: { created_from: 'billing_system'; billing_customer_id: string; account_type: 'panel' };
}

export const HEALTH_TIMEOUT_MS = 5000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

interface PanelResponse {
  status: number;
  body: unknown;
}

/**
 * HTTP client for the NextPanel billing API (../shared/reference/nextpanel-panel-api.md).
 * Every call has a timeout, never follows redirects (a panel URL must not bounce billing's
 * credentials elsewhere), and turns every failure into a PanelError with the panel's reason.
 * Request bodies are never logged: they carry passwords.
 */
@Injectable()
export class PanelClient {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'panel'>) {}

  async health(connection: PanelConnection, timeoutMs = HEALTH_TIMEOUT_MS): Promise<void> {
    const response = await this.send(connection, 'GET', '/api/health', undefined, timeoutMs);
    const status = (response.body as { status?: unknown } | null)?.status;
    if (response.status === 200 && status === 'ok') return;
    if (response.status >= 500) {
      throw new PanelError(
        'server_error',
        `reports it is not healthy (HTTP ${response.status})`,
        response.status,
      );
    }
    if (response.status === 401 || response.status === 403) throw errorFor(response);
    throw new PanelError(
      'unexpected',
      `answered HTTP ${response.status} without {"status":"ok"}`,
      response.status,
    );
  }

  async createAccount(
    connection: PanelConnection,
    account: CreatePanelAccount,
  ): Promise<PanelAccount> {
    const response = await this.expect(
      connection,
      'POST',
      '/api/v1/billing/accounts',
      account,
      [200, 201],
    );
    return asAccount(response.body);
  }

  async getAccount(
    connection: PanelConnection,
    panelUserId: number,
    timeoutMs?: number,
  ): Promise<PanelAccount> {
    const response = await this.expect(
      connection,
      'GET',
      `/api/v1/billing/accounts/${panelUserId}`,
      undefined,
      [200],
      timeoutMs,
    );
    return asAccount(response.body);
  }

  async deleteAccount(connection: PanelConnection, panelUserId: number): Promise<void> {
    await this.expect(
      connection,
      'DELETE',
      `/api/v1/billing/accounts/${panelUserId}`,
      undefined,
      [200, 204],
    );
  }

  async suspendAccount(
    connection: PanelConnection,
    panelUserId: number,
    reason: string,
  ): Promise<void> {
    await this.expect(
      connection,
      'POST',
      `/api/v1/billing/accounts/${panelUserId}/suspend`,
      { reason },
      [200],
    );
  }

  async unsuspendAccount(connection: PanelConnection, panelUserId: number): Promise<void> {
    await this.expect(
      connection,
      'POST',
      `/api/v1/billing/accounts/${panelUserId}/unsuspend`,
      {},
      [200],
    );
  }

  async accountStats(
    connection: PanelConnection,
    panelUserId: number,
    timeoutMs?: number,
  ): Promise<PanelAccountStats> {
    const response = await this.expect(
      connection,
      'GET',
      `/api/v1/billing/accounts/${panelUserId}/stats`,
      undefined,
      [200],
      timeoutMs,
    );
    const stats = response.body as Partial<PanelAccountStats> | null;
    if (!stats || typeof stats !== 'object')
      throw new PanelError('unexpected', 'returned stats that are not an object', 200);
    return {
      user_id: Number(stats.user_id ?? panelUserId),
      username: String(stats.username ?? ''),
      email: String(stats.email ?? ''),
      total_domains: Number(stats.total_domains ?? 0),
      total_databases: Number(stats.total_databases ?? 0),
      total_email_accounts: Number(stats.total_email_accounts ?? 0),
      total_ssl_certificates: Number(stats.total_ssl_certificates ?? 0),
      storage_used: Number(stats.storage_used ?? 0),
      last_login: typeof stats.last_login === 'string' ? stats.last_login : null,
      account_age_days: Number(stats.account_age_days ?? 0),
    };
  }

  async changePackage(
    connection: PanelConnection,
    panelUserId: number,
    change: { package_id: number | null; quotas: Record<string, number> },
  ): Promise<PanelAccount> {
    const response = await this.expect(
      connection,
      'PUT',
      `/api/v1/billing/accounts/${panelUserId}/package`,
      change,
      [200],
    );
    return asAccount(response.body);
  }

  async setPassword(
    connection: PanelConnection,
    panelUserId: number,
    password: string,
  ): Promise<void> {
    await this.expect(
      connection,
      'POST',
      `/api/v1/billing/accounts/${panelUserId}/password`,
      { password },
      [200],
    );
  }

  private async expect(
    connection: PanelConnection,
    method: string,
    path: string,
    body: unknown,
    okStatuses: number[],
    timeoutMs = this.config.panel.timeoutMs,
  ): Promise<PanelResponse> {
    const response = await this.send(connection, method, path, body, timeoutMs);
    if (okStatuses.includes(response.status)) return response;
    throw errorFor(response);
  }

  private async send(
    connection: PanelConnection,
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
  ): Promise<PanelResponse> {
    const url = panelUrl(connection.baseUrl, path);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'X-API-Key': connection.apiKey,
          'X-API-Secret': connection.apiSecret,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw transportError(error, timeoutMs);
    }
    let text: string;
    try {
      text = await readLimited(response);
    } catch (error) {
      throw bodyError(error, response.status, timeoutMs);
    }
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new PanelError(
          'unexpected',
          `answered HTTP ${response.status} with a body that is not JSON`,
          response.status,
        );
      }
    }
    return { status: response.status, body: parsed };
  }
}

export function panelUrl(baseUrl: string, path: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(path.replace(/^\//, ''), base).toString();
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES)
    throw new PanelError('unexpected', 'answered with an oversized body', response.status);
  const buffer = Buffer.from(await response.arrayBuffer());
  if (buffer.length > MAX_RESPONSE_BYTES)
    throw new PanelError('unexpected', 'answered with an oversized body', response.status);
  return buffer.toString('utf8');
}

function transportError(error: unknown, timeoutMs: number): PanelError {
  if (error instanceof PanelError) return error;
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PanelError(
      'timeout',
      `did not answer within ${Math.round(timeoutMs / 100) / 10} seconds`,
    );
  }
  const code = ((error as { cause?: { code?: string } })?.cause?.code ?? '') as string;
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_SOCKET: 'connection closed',
  };
  return new PanelError(
    'unreachable',
    `could not be reached (${why[code] ?? (code || 'network error')})`,
  );
}

/**
 * The panel answered with a status, then its body never arrived whole. Still a transport failure
 * (retried like one), but not "could not be reached": the panel got the request and may have
 * done the work, which is what an admin deciding whether to retry needs to know.
 */
function bodyError(error: unknown, status: number, timeoutMs: number): PanelError {
  const failure = transportError(error, timeoutMs);
  if (failure.kind !== 'unreachable') return failure;
  return new PanelError(
    'unreachable',
    `closed the connection in the middle of its answer (HTTP ${status})`,
    status,
  );
}

function detailOf(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return detail.slice(0, 500);
  if (detail !== undefined) return JSON.stringify(detail).slice(0, 500);
  return undefined;
}

function errorFor(response: PanelResponse): PanelError {
  const { status } = response;
  const detail = detailOf(response.body);
  const said = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new PanelError(
      'credentials_refused',
      `refused the API credentials (HTTP ${status})${said}`,
      status,
      detail,
    );
  }
  if (status === 409 || (status === 400 && /exist/i.test(detail ?? ''))) {
    return new PanelError(
      'conflict',
      detail ?? `reported a conflict (HTTP ${status})`,
      status,
      detail,
    );
  }
  if (status === 404)
    return new PanelError('not_found', detail ?? 'does not know this account', status, detail);
  if (status === 507)
    return new PanelError('capacity', detail ?? 'has no room for more accounts', status, detail);
  if (status >= 400 && status < 500)
    return new PanelError(
      'bad_request',
      detail ?? `refused the request (HTTP ${status})`,
      status,
      detail,
    );
  if (status >= 500)
    return new PanelError('server_error', `failed with HTTP ${status}${said}`, status, detail);
  return new PanelError('unexpected', `answered HTTP ${status}`, status, detail);
}

function asAccount(body: unknown): PanelAccount {
  const account = body as Partial<PanelAccount> | null;
  if (!account || typeof account !== 'object' || !Number.isInteger(account.id)) {
    throw new PanelError('unexpected', 'returned an account without an integer id');
  }
  return account as PanelAccount;
}
