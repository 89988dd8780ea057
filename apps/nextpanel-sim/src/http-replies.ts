import type { Response } from 'express';
import type { ResponseFault } from './faults';

/**
 * Every response of the simulated panel goes through `reply`, so the "after the effect" faults
 * can swap the real answer at the last moment: the account was created (or deleted, or
 * suspended) but the billing system only sees a 500, a page of HTML, JSON of another shape, or a
 * connection that dies half-way through the answer, as when a panel crashes mid-response.
 */

export const INTERNAL_ERROR = Object.freeze({ detail: 'Internal server error' });

/** What a misconfigured proxy or a crashed PHP handler in front of a panel serves, with a 200. */
export const GARBAGE_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>\n' +
  '<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n';

/** How a request's answer is to be spoiled once its handler has done the work. */
type SpoiledAnswer = Exclude<ResponseFault, 'none'> | 'internal_error';

const spoiled = new WeakMap<Response, SpoiledAnswer>();

export function failAfterEffect(res: Response): void {
  spoiled.set(res, 'internal_error');
}

export function spoilAnswer(res: Response, fault: Exclude<ResponseFault, 'none'>): void {
  spoiled.set(res, fault);
}

export function reply(res: Response, status: number, body: unknown): void {
  const fault = spoiled.get(res);
  if (fault === undefined) {
    res.status(status).json(body);
    return;
  }
  sendSpoiledAnswer(res, fault, status, body);
}

/** The panel's error shape: `{"detail": "..."}`. */
export function replyDetail(res: Response, status: number, detail: string): void {
  reply(res, status, { detail });
}

/** Sends `status`/`body` spoiled the way `fault` says. */
export function sendSpoiledAnswer(
  res: Response,
  fault: SpoiledAnswer,
  status: number,
  body: unknown,
): void {
  switch (fault) {
    case 'internal_error':
      res.status(500).json(INTERNAL_ERROR);
      return;
    case 'garbage':
      res.status(200).type('html').send(GARBAGE_PAGE);
      return;
    case 'wrong_shape':
      // JSON, but not the panel's: every field billing looks for is one level down.
      res.status(200).json({ data: body });
      return;
    case 'drop':
      dropMidAnswer(res, status, body);
      return;
  }
}

/**
 * Writes the status line, the headers (with the full Content-Length) and the first half of the
 * body, then destroys the socket: the client has a status and a truncated body, and nothing else
 * will come. The request is read to its end first, so closing sends a FIN after the data rather
 * than a reset that could discard it.
 */
function dropMidAnswer(res: Response, status: number, body: unknown): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const half = text.subarray(0, Math.max(1, Math.floor(text.length / 2)));
  const cut = (): void => {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(text.length),
    });
    res.write(half, () => res.socket?.destroy());
  };
  const req = res.req;
  if (req.complete) {
    cut();
  } else {
    req.once('end', cut);
    req.resume();
  }
}
