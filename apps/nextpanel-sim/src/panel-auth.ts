import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { replyDetail } from './http-replies';

/**
 * The panel's API-key check. A real panel issues key pairs with a permission level; the billing
 * system needs one with BILLING. The simulator knows one BILLING pair and, optionally, one pair
 * with a lesser level (READ_ONLY) so tests can see the 403 an operator gets after pasting the
 * wrong key into "Add Server".
 */

export interface ApiKeyPair {
  apiKey: string;
  apiSecret: string;
}

// Hashing first gives equal-length buffers, so timingSafeEqual can compare any two strings and
// the time taken says nothing about how much of a guessed secret was right.
function sameText(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function pairMatches(key: string, secret: string, pair: ApiKeyPair): boolean {
  // Both halves are always compared (no short-circuit) so timing does not reveal a valid key id.
  const keyMatches = sameText(key, pair.apiKey);
  const secretMatches = sameText(secret, pair.apiSecret);
  return keyMatches && secretMatches;
}

export function panelAuthentication(billing: ApiKeyPair, restricted?: ApiKeyPair): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.get('x-api-key') ?? '';
    const secret = req.get('x-api-secret') ?? '';
    const isBilling = pairMatches(key, secret, billing);
    const isRestricted = restricted !== undefined && pairMatches(key, secret, restricted);
    if (isBilling) {
      next();
    } else if (isRestricted) {
      replyDetail(res, 403, 'API key lacks BILLING permission');
    } else {
      replyDetail(res, 401, 'Invalid API credentials');
    }
  };
}
