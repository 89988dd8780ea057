import type { Response } from 'express';

/**
 * Every response of the simulated panel goes through `reply`, so the "fail after the effect" fault
 * can swap the real answer for a 500 at the last moment: the account was created (or deleted, or
 * suspended) but the billing system only sees an error, as when a panel crashes mid-response.
 */

export const INTERNAL_ERROR = Object.freeze({ detail: 'Internal server error' });

const failingAfterEffect = new WeakSet<Response>();

export function failAfterEffect(res: Response): void {
  failingAfterEffect.add(res);
}

export function reply(res: Response, status: number, body: unknown): void {
  if (failingAfterEffect.has(res)) {
    res.status(500).json(INTERNAL_ERROR);
    return;
  }
  res.status(status).json(body);
}

/** The panel's error shape: `{"detail": "..."}`. */
export function replyDetail(res: Response, status: number, detail: string): void {
  reply(res, status, { detail });
}
