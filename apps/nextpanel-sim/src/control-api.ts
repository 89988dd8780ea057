import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { HostingAccountStore } from './account-store';
import { validateFaultPatch, type FaultInjector } from './faults';
import { toAccountStats, toControlAccountView, type StoredHostingAccount } from './hosting-account';
import { replyDetail } from './http-replies';
import { jsonBody } from './json-body';
import type { RequestCounters } from './request-counters';
import { parseAccountId, validateUsagePatch } from './request-validation';

/**
 * The simulator's back door for tests, under /__control/. Not part of the panel API: the billing
 * system never calls it, it needs no panel credentials, and faults never apply to it (a test must
 * always be able to switch a fault off). Protected by X-Sim-Control-Token when one is configured.
 */

export interface ControlApiDependencies {
  store: HostingAccountStore;
  faults: FaultInjector;
  counters: RequestCounters;
  controlToken?: string;
  now: () => Date;
  /**
   * Stops accepting connections now and listens again after `ms`. Open connections are dropped
   * once `answeredOn` (the control request's own response) has gone out.
   */
  refuseConnections(ms: number, answeredOn: Response): void;
}

function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function controlApi(deps: ControlApiDependencies): Router {
  const { store, faults, counters, now } = deps;
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (
      deps.controlToken !== undefined &&
      !sameToken(req.get('x-sim-control-token') ?? '', deps.controlToken)
    ) {
      replyDetail(res, 401, 'Invalid control token');
      return;
    }
    next();
  });

  const accountOf = (req: Request, res: Response): StoredHostingAccount | undefined => {
    const id = parseAccountId(String(req.params.id));
    const account = id === undefined ? undefined : store.find(id);
    if (account === undefined) replyDetail(res, 404, 'Account not found');
    return account;
  };

  router.get('/faults', (_req, res) => {
    res.json(faults.current());
  });

  router.put('/faults', jsonBody, (req, res) => {
    const patch = validateFaultPatch(req.body);
    if (!patch.ok) {
      replyDetail(res, 400, patch.detail);
      return;
    }
    const { refuse_connections_ms: refuseMs, ...settings } = patch.value;
    const current = faults.update(settings);
    if (refuseMs === undefined) {
      res.json(current);
      return;
    }
    // Stop listening before answering, so once the caller has this answer its next connection
    // attempt is certain to be refused.
    deps.refuseConnections(refuseMs, res);
    res.set('Connection', 'close').json({ ...current, refusing_connections_ms: refuseMs });
  });

  router.delete('/faults', (_req, res) => {
    res.json(faults.reset());
  });

  router.get('/accounts', (_req, res) => {
    res.json({ accounts: store.list().map(toControlAccountView) });
  });

  router.get('/accounts/:id', (req, res) => {
    const account = accountOf(req, res);
    if (account !== undefined) res.json(toControlAccountView(account));
  });

  router.put('/accounts/:id/usage', jsonBody, (req, res) => {
    const account = accountOf(req, res);
    if (account === undefined) return;
    const patch = validateUsagePatch(req.body);
    if (!patch.ok) {
      replyDetail(res, 400, patch.detail);
      return;
    }
    res.json(toAccountStats(store.recordUsage(account.id, patch.value) ?? account, now()));
  });

  // "Is the password billing e-mailed to the customer the one set on the panel?" without the
  // simulator ever keeping or revealing the plaintext.
  router.post('/accounts/:id/verify-password', jsonBody, async (req, res) => {
    const account = accountOf(req, res);
    if (account === undefined) return;
    const body: unknown = req.body;
    const password =
      typeof body === 'object' && body !== null
        ? (body as { password?: unknown }).password
        : undefined;
    if (typeof password !== 'string') {
      replyDetail(res, 400, 'password is required');
      return;
    }
    const matches = await store.verifyPassword(account.id, password);
    if (matches === undefined) {
      replyDetail(res, 404, 'Account not found');
      return;
    }
    res.json({ matches });
  });

  router.post('/reset', (_req, res) => {
    res.json({ deleted: store.deleteAll() });
  });

  router.get('/requests', (_req, res) => {
    res.json(counters.snapshot());
  });

  router.delete('/requests', (_req, res) => {
    counters.reset();
    res.json(counters.snapshot());
  });

  router.use((_req, res) => replyDetail(res, 404, 'Not found'));
  return router;
}
