import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Counts the requests each panel route received, so an integration test can assert "billing
 * called create exactly once" even when the call hung or failed. Counted on arrival, before
 * faults and authentication; the status is added when (if) the answer goes out.
 */

export interface RouteRequestCount {
  count: number;
  /** Answers by HTTP status; requests still waiting (or hung) are in `count` only. */
  statuses: Record<string, number>;
}

export interface RequestCountSnapshot {
  total: number;
  /** Keyed by route template, e.g. "POST /api/v1/billing/accounts/:id/suspend". */
  routes: Record<string, RouteRequestCount>;
}

export class RequestCounters {
  private readonly routes = new Map<string, RouteRequestCount>();

  /** Middleware counting requests for one route template. */
  track(route: string): RequestHandler {
    return (_req: Request, res: Response, next: NextFunction) => {
      this.record(route, res);
      next();
    };
  }

  record(route: string, res: Response): void {
    const entry = this.entry(route);
    entry.count += 1;
    res.once('finish', () => {
      const status = String(res.statusCode);
      entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    });
  }

  snapshot(): RequestCountSnapshot {
    const routes: Record<string, RouteRequestCount> = {};
    let total = 0;
    for (const [route, entry] of [...this.routes.entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      routes[route] = { count: entry.count, statuses: { ...entry.statuses } };
      total += entry.count;
    }
    return { total, routes };
  }

  reset(): void {
    this.routes.clear();
  }

  private entry(route: string): RouteRequestCount {
    let entry = this.routes.get(route);
    if (entry === undefined) {
      entry = { count: 0, statuses: {} };
      this.routes.set(route, entry);
    }
    return entry;
  }
}
