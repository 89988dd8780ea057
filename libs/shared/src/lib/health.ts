export type HealthStatus = 'ok' | 'error';

/** GET /health */
export interface HealthResponse {
  status: HealthStatus;
  version: string;
  uptime_seconds: number;
  checks: {
    database: { status: 'up' | 'down'; latency_ms?: number; error?: string };
  };
}
