/** POST /api/v1/nextpanel/servers/test */
export interface TestServerConnectionRequest {
  name?: string;
  base_url: string;
  api_key: string;
  api_secret: string;
  capacity?: number;
}

export const ConnectionFailure = {
  Unreachable: 'unreachable',
  Timeout: 'timeout',
  CredentialsRefused: 'credentials_refused',
  NotNextPanel: 'not_nextpanel',
  Unhealthy: 'unhealthy',
} as const;
export type ConnectionFailure = (typeof ConnectionFailure)[keyof typeof ConnectionFailure];

export interface TestServerConnectionResponse {
  success: boolean;
  message: string;
  url: string;
  /** Set when success is false. */
  reason?: ConnectionFailure;
  latency_ms?: number;
}

/** POST /api/v1/nextpanel/servers */
export interface CreateServerRequest {
  name: string;
  description?: string | null;
  base_url: string;
  api_key: string;
  api_secret: string;
  capacity: number;
  location?: string | null;
  is_active?: boolean;
}

/** PATCH /api/v1/nextpanel/servers/{id}: rotate credentials, change capacity, (de)activate. */
export type UpdateServerRequest = Partial<CreateServerRequest>;

/** One server in GET /api/v1/nextpanel/servers, as the guide shows it (plus a few extras). */
export interface ServerResponse {
  id: number;
  name: string;
  description: string | null;
  base_url: string;
  /** Masked, e.g. `npk_…a1b2`; the secret is never returned. */
  api_key: string;
  is_active: boolean;
  is_online: boolean;
  capacity: number;
  current_accounts: number;
  utilization_percent: number;
  available_slots: number;
  location: string | null;
  last_checked_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One entry of GET /api/v1/nextpanel/servers/status, as the guide shows it. */
export interface ServerStatusResponse {
  server_id: string;
  name: string;
  url: string;
  is_active: boolean;
  is_online: boolean;
  current_accounts: number;
  capacity: number;
  utilization: number;
  /** Why the server is offline, when it is. */
  error?: string;
}
