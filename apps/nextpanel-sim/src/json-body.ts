import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { INTERNAL_ERROR, replyDetail } from './http-replies';
import type { SimLogger } from './sim-logger';

/**
 * JSON bodies for the panel and control APIs. Parsing runs per route, after authentication, so a
 * caller with wrong keys learns nothing from how its body is treated.
 */

const parseJson = express.json({ limit: '100kb' });

/** Parse errors found by `readBodyNow`, reported by `jsonBody` in its turn. */
const earlyParseErrors = new WeakMap<Request, unknown>();

/**
 * Receives and parses the body now, keeping any error for `jsonBody` to report in its usual place
 * (after authentication). Used before a fault delay: a real panel has the whole request before it
 * starts working on it, so a client that gives up meanwhile does not undo the work; Node, however,
 * discards a body nobody has read yet once the connection closes.
 */
export function readBodyNow(req: Request, res: Response, done: () => void): void {
  parseJson(req, res, (error?: unknown) => {
    if (error !== undefined && error !== null) earlyParseErrors.set(req, error);
    done();
  });
}

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

export const jsonBody: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  const early = earlyParseErrors.get(req);
  if (early !== undefined) {
    earlyParseErrors.delete(req);
    next(early);
    return;
  }
  // After readBodyNow the body is already read: the parser sees a finished request and goes on.
  parseJson(req, res, (error?: unknown) => {
    if (error !== undefined && error !== null) {
      next(error);
      return;
    }
    if (req.body === undefined) {
      // Express 5 leaves req.body undefined when nothing was parsed. No body at all is treated as
      // {} so the validator names the missing field; a body in another format is refused.
      if (hasBody(req)) {
        replyDetail(res, 415, 'Content-Type must be application/json');
        return;
      }
      req.body = {};
    }
    next();
  });
};

interface BodyParserError {
  type: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}

/** The last handler: body errors in the panel's shape, anything else a bare 500 (never a stack). */
export function errorReplies(log: SimLogger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (isBodyParserError(error)) {
      switch (error.type) {
        case 'entity.parse.failed':
          replyDetail(res, 400, 'Malformed JSON body');
          return;
        case 'entity.too.large':
          replyDetail(res, 413, 'Request body too large');
          return;
        case 'encoding.unsupported':
        case 'charset.unsupported':
          replyDetail(res, 415, 'Unsupported body encoding');
          return;
        default:
          replyDetail(res, 400, 'Unreadable request body');
          return;
      }
    }
    log('error', 'unhandled_error', {
      method: req.method,
      path: req.path,
      message: error instanceof Error ? error.message : String(error),
    });
    res.status(500).json(INTERNAL_ERROR);
  };
}
