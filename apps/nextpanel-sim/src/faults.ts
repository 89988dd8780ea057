import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Socket } from 'node:net';
import { failAfterEffect, INTERNAL_ERROR, sendSpoiledAnswer, spoilAnswer } from './http-replies';
import { readBodyNow } from './json-body';
import type { Validation } from './request-validation';
import type { SimLogger } from './sim-logger';

/**
 * Fault injection: the ways a real panel server misbehaves that the billing system must survive
 * (slow answers, random 500s, requests that never return, answers that are garbage or cut off,
 * a failing health check, a server that is gone). Faults touch `/api/...` only; the control API
 * keeps answering so tests can turn them off again.
 */

/**
 * Where a random failure strikes. `before_effect`: the panel errors out before doing anything.
 * `after_effect`: it does the work, then answers 500, the case that makes a retried create meet
 * "Username already exists" and that billing has to reconcile.
 */
export type FailureMode = 'before_effect' | 'after_effect';

/**
 * How an answer on the account routes (`/api/v1/billing/...`) goes wrong, whatever it was:
 * - `garbage`: 200 with an HTML error page (a proxy or a crashed PHP handler), not JSON;
 * - `wrong_shape`: 200 with JSON of another shape, the real answer wrapped as `{"data": ...}`;
 * - `drop`: the real status line, headers and half of the body, then the connection is closed.
 * `failure_mode` says whether the panel did the work first (`after_effect`: the account really
 * was created or changed) or not (`before_effect`: the answer it spoils is a 500).
 */
export type ResponseFault = 'none' | 'garbage' | 'wrong_shape' | 'drop';

export const RESPONSE_FAULTS: readonly ResponseFault[] = ['none', 'garbage', 'wrong_shape', 'drop'];

export interface FaultSettings {
  /** Added before every `/api/...` request is handled. */
  latency_ms: number;
  /** Probability (0..1) that a request answers 500 {"detail":"Internal server error"}. */
  failure_rate: number;
  /** Where a 500 from `failure_rate` or a `response_fault` strikes. */
  failure_mode: FailureMode;
  /** Spoil answers on the account routes (not `/api/health`); `none` is off. */
  response_fault: ResponseFault;
  /** Probability (0..1) that an account-route request gets `response_fault` (default 1: every one). */
  response_fault_rate: number;
  /** Accept requests and never answer them. */
  hang: boolean;
  /** `/api/health` answers 503 {"status":"down"}. */
  health_down: boolean;
}

/** A change of settings, plus the one-shot action of going away for a while. */
export interface FaultPatch extends Partial<FaultSettings> {
  /** Stop listening for this long (clients get ECONNREFUSED), then listen on the same port again. */
  refuse_connections_ms?: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latency_ms: 0,
  failure_rate: 0,
  failure_mode: 'before_effect',
  response_fault: 'none',
  response_fault_rate: 1,
  hang: false,
  health_down: false,
});

const MAX_DELAY_MS = 10 * 60 * 1000;
const FAULT_FIELDS = [
  'latency_ms',
  'failure_rate',
  'failure_mode',
  'response_fault',
  'response_fault_rate',
  'hang',
  'health_down',
  'refuse_connections_ms',
];

function isRate(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

export function isResponseFault(value: unknown): value is ResponseFault {
  return RESPONSE_FAULTS.includes(value as ResponseFault);
}

function isDelay(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_DELAY_MS
  );
}

export function validateFaultPatch(body: unknown): Validation<FaultPatch> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, detail: 'Request body must be a JSON object' };
  }
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).find((field) => !FAULT_FIELDS.includes(field));
  if (unknown !== undefined) {
    return {
      ok: false,
      detail: `${unknown} is not a fault (expected one of ${FAULT_FIELDS.join(', ')})`,
    };
  }
  const patch: FaultPatch = {};
  const {
    latency_ms,
    failure_rate,
    failure_mode,
    response_fault,
    response_fault_rate,
    hang,
    health_down,
    refuse_connections_ms,
  } = input;
  if (latency_ms !== undefined) {
    if (!isDelay(latency_ms))
      return { ok: false, detail: `latency_ms must be an integer from 0 to ${MAX_DELAY_MS}` };
    patch.latency_ms = latency_ms;
  }
  if (failure_rate !== undefined) {
    if (!isRate(failure_rate)) {
      return { ok: false, detail: 'failure_rate must be a number from 0 to 1' };
    }
    patch.failure_rate = failure_rate;
  }
  if (failure_mode !== undefined) {
    if (failure_mode !== 'before_effect' && failure_mode !== 'after_effect') {
      return { ok: false, detail: 'failure_mode must be "before_effect" or "after_effect"' };
    }
    patch.failure_mode = failure_mode;
  }
  if (response_fault !== undefined) {
    if (!isResponseFault(response_fault)) {
      return {
        ok: false,
        detail: `response_fault must be one of ${RESPONSE_FAULTS.map((f) => `"${f}"`).join(', ')}`,
      };
    }
    patch.response_fault = response_fault;
  }
  if (response_fault_rate !== undefined) {
    if (!isRate(response_fault_rate)) {
      return { ok: false, detail: 'response_fault_rate must be a number from 0 to 1' };
    }
    patch.response_fault_rate = response_fault_rate;
  }
  if (hang !== undefined) {
    if (typeof hang !== 'boolean') return { ok: false, detail: 'hang must be a boolean' };
    patch.hang = hang;
  }
  if (health_down !== undefined) {
    if (typeof health_down !== 'boolean')
      return { ok: false, detail: 'health_down must be a boolean' };
    patch.health_down = health_down;
  }
  if (refuse_connections_ms !== undefined) {
    if (!isDelay(refuse_connections_ms) || refuse_connections_ms === 0) {
      return {
        ok: false,
        detail: `refuse_connections_ms must be an integer from 1 to ${MAX_DELAY_MS}`,
      };
    }
    patch.refuse_connections_ms = refuse_connections_ms;
  }
  return { ok: true, value: patch };
}

export class FaultInjector {
  private settings: FaultSettings;
  /** Requests held by `hang` or waiting out `latency_ms`: destroyed on shutdown so close() is quick. */
  private readonly heldSockets = new Set<Socket>();
  private readonly pendingDelays = new Set<NodeJS.Timeout>();

  constructor(
    initial: Partial<FaultSettings>,
    private readonly random: () => number,
    private readonly log: SimLogger,
  ) {
    this.settings = { ...NO_FAULTS, ...initial };
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  update(patch: Partial<FaultSettings>): FaultSettings {
    const current = this.settings;
    this.settings = {
      latency_ms: patch.latency_ms ?? current.latency_ms,
      failure_rate: patch.failure_rate ?? current.failure_rate,
      failure_mode: patch.failure_mode ?? current.failure_mode,
      response_fault: patch.response_fault ?? current.response_fault,
      response_fault_rate: patch.response_fault_rate ?? current.response_fault_rate,
      hang: patch.hang ?? current.hang,
      health_down: patch.health_down ?? current.health_down,
    };
    this.log('info', 'faults_changed', { ...this.settings });
    return this.current();
  }

  reset(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    this.log('info', 'faults_changed', { ...this.settings });
    return this.current();
  }

  /** Runs first on every `/api/...` request (after it is counted, before authentication). */
  readonly beforeHandling: RequestHandler = (req, res, next) => this.handle(req, res, next, false);

  /** The same, on the account routes: these also get `response_fault`. */
  readonly beforeBillingRoute: RequestHandler = (req, res, next) =>
    this.handle(req, res, next, true);

  /** On `/api/health` only, before authentication: a panel that is down cannot check keys either. */
  readonly healthGate: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    if (this.settings.health_down) {
      res.status(503).json({ status: 'down' });
      return;
    }
    next();
  };

  /** Drops held and delayed requests (their clients see the connection close), for shutdown. */
  dispose(): void {
    for (const timer of this.pendingDelays) clearTimeout(timer);
    this.pendingDelays.clear();
    for (const socket of this.heldSockets) socket.destroy();
    this.heldSockets.clear();
  }

  private handle(req: Request, res: Response, next: NextFunction, billingRoute: boolean): void {
    // A snapshot: settings changed while this request waits do not change its fate.
    const faults = this.current();
    if (faults.hang) {
      this.hold(req.socket);
      return;
    }
    const decide = (): void => {
      if (faults.failure_rate > 0 && this.random() < faults.failure_rate) {
        if (faults.failure_mode === 'before_effect') {
          res.status(500).json(INTERNAL_ERROR);
          return;
        }
        failAfterEffect(res);
      } else if (
        billingRoute &&
        faults.response_fault !== 'none' &&
        this.random() < faults.response_fault_rate
      ) {
        if (faults.failure_mode === 'before_effect') {
          // Nothing was done: what gets spoiled is the 500 a failing panel would have sent.
          sendSpoiledAnswer(res, faults.response_fault, 500, INTERNAL_ERROR);
          return;
        }
        spoilAnswer(res, faults.response_fault);
      }
      next();
    };
    if (faults.latency_ms > 0) {
      readBodyNow(req, res, () => this.delay(req.socket, faults.latency_ms, decide));
    } else {
      decide();
    }
  }

  private hold(socket: Socket): void {
    this.heldSockets.add(socket);
    socket.once('close', () => this.heldSockets.delete(socket));
  }

  private delay(socket: Socket, ms: number, proceed: () => void): void {
    this.heldSockets.add(socket);
    const timer = setTimeout(() => {
      this.pendingDelays.delete(timer);
      this.heldSockets.delete(socket);
      // Proceeds even if the client gave up meanwhile (its body was read before the delay): a
      // real panel would still create the account, which is exactly what a billing client's
      // timeout handling, or a billing process killed mid-call, must cope with.
      proceed();
    }, ms);
    this.pendingDelays.add(timer);
  }
}
