import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { HostingAccountStore } from './account-store';
import type { FaultInjector } from './faults';
import { toAccountStats, toPanelAccount, type StoredHostingAccount } from './hosting-account';
import { reply, replyDetail } from './http-replies';
import { jsonBody } from './json-body';
import { panelAuthentication, type ApiKeyPair } from './panel-auth';
import type { RequestCounters } from './request-counters';
import {
  parseAccountId,
  validateNewAccount,
  validatePackageChange,
  validatePasswordChange,
  validateSuspension,
} from './request-validation';

/**
 * The panel's billing API, as /work/shared/reference/nextpanel-panel-api.md describes it.
 * Every route runs: count -> faults -> (health gate) -> API-key check -> body -> handler.
 */

export interface PanelApiDependencies {
  store: HostingAccountStore;
  faults: FaultInjector;
  counters: RequestCounters;
  billingCredentials: ApiKeyPair;
  restrictedCredentials?: ApiKeyPair;
  now: () => Date;
}

const ACCOUNTS = '/api/v1/billing/accounts';

export function panelApi(deps: PanelApiDependencies): Router {
  const { store, faults, counters, now } = deps;
  const router = Router();
  const authenticate = panelAuthentication(deps.billingCredentials, deps.restrictedCredentials);

  /**
   * The common chain for one account route; `route` is the template the request counters report.
   * Account routes also get `response_fault` (garbage or dropped answers); health does not.
   */
  const guarded = (route: string): RequestHandler[] => [
    counters.track(route),
    faults.beforeBillingRoute,
    authenticate,
  ];

  /** Resolves `:id`; a non-integer id names no account, so it is a 404 like an unknown one. */
  const accountOf = (req: Request, res: Response): StoredHostingAccount | undefined => {
    const id = parseAccountId(String(req.params.id));
    const account = id === undefined ? undefined : store.find(id);
    if (account === undefined) replyDetail(res, 404, 'Account not found');
    return account;
  };

  // Test Connection sends the key pair here and expects 401 on wrong keys, so health is guarded.
  router.get(
    '/api/health',
    counters.track('GET /api/health'),
    faults.beforeHandling,
    faults.healthGate,
    authenticate,
    (_req, res) => reply(res, 200, { status: 'ok' }),
  );

  router.post(ACCOUNTS, ...guarded(`POST ${ACCOUNTS}`), jsonBody, async (req, res) => {
    const request = validateNewAccount(req.body);
    if (!request.ok) {
      replyDetail(res, 400, request.detail);
      return;
    }
    const creation = await store.create(request.value);
    switch (creation.outcome) {
      case 'created':
        reply(res, 201, toPanelAccount(creation.account));
        return;
      case 'username_taken':
        replyDetail(res, 409, 'Username already exists');
        return;
      case 'limit_reached':
        // 507 Insufficient Storage: the server is full; billing should pick another server.
        replyDetail(res, 507, 'Account limit reached');
        return;
    }
  });

  router.get(`${ACCOUNTS}/:id`, ...guarded(`GET ${ACCOUNTS}/:id`), (req, res) => {
    const account = accountOf(req, res);
    if (account === undefined) return;
    reply(res, 200, toPanelAccount(account));
  });

  router.delete(`${ACCOUNTS}/:id`, ...guarded(`DELETE ${ACCOUNTS}/:id`), (req, res) => {
    const account = accountOf(req, res);
    if (account === undefined) return;
    store.delete(account.id);
    replyDetail(res, 200, 'Account deleted');
  });

  router.post(
    `${ACCOUNTS}/:id/suspend`,
    ...guarded(`POST ${ACCOUNTS}/:id/suspend`),
    jsonBody,
    (req, res) => {
      const account = accountOf(req, res);
      if (account === undefined) return;
      const suspension = validateSuspension(req.body);
      if (!suspension.ok) {
        replyDetail(res, 400, suspension.detail);
        return;
      }
      reply(
        res,
        200,
        toPanelAccount(store.suspend(account.id, suspension.value.reason) ?? account),
      );
    },
  );

  router.post(
    `${ACCOUNTS}/:id/unsuspend`,
    ...guarded(`POST ${ACCOUNTS}/:id/unsuspend`),
    (req, res) => {
      const account = accountOf(req, res);
      if (account === undefined) return;
      reply(res, 200, toPanelAccount(store.unsuspend(account.id) ?? account));
    },
  );

  router.get(`${ACCOUNTS}/:id/stats`, ...guarded(`GET ${ACCOUNTS}/:id/stats`), (req, res) => {
    const account = accountOf(req, res);
    if (account === undefined) return;
    reply(res, 200, toAccountStats(account, now()));
  });

  router.put(
    `${ACCOUNTS}/:id/package`,
    ...guarded(`PUT ${ACCOUNTS}/:id/package`),
    jsonBody,
    (req, res) => {
      const account = accountOf(req, res);
      if (account === undefined) return;
      const change = validatePackageChange(req.body);
      if (!change.ok) {
        replyDetail(res, 400, change.detail);
        return;
      }
      const changed = store.changePackage(account.id, change.value.package_id, change.value.quotas);
      reply(res, 200, toPanelAccount(changed ?? account));
    },
  );

  router.post(
    `${ACCOUNTS}/:id/password`,
    ...guarded(`POST ${ACCOUNTS}/:id/password`),
    jsonBody,
    async (req, res) => {
      const account = accountOf(req, res);
      if (account === undefined) return;
      const change = validatePasswordChange(req.body);
      if (!change.ok) {
        replyDetail(res, 400, change.detail);
        return;
      }
      const changed = await store.changePassword(account.id, change.value.password);
      if (changed === undefined) {
        replyDetail(res, 404, 'Account not found');
        return;
      }
      replyDetail(res, 200, 'Password updated');
    },
  );

  // Unknown /api paths (and known paths with another method): counted, subject to faults like
  // any request to a real server, then 404 whatever the credentials, as the panel's router does.
  router.use(
    '/api',
    (req, res, next) => {
      counters.record(`${req.method} (no such route)`, res);
      next();
    },
    faults.beforeHandling,
    (_req, res) => replyDetail(res, 404, 'Not found'),
  );

  return router;
}
