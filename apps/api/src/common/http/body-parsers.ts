import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@nextpanel/shared';
import { parse as parseQueryString } from 'node:querystring';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../errors/domain.exception';

type ParserDone = (error: Error | null, body?: unknown) => void;

/** What a body parser does with the bytes Fastify collected (within the body limit). */
export type BufferBodyParser = (request: FastifyRequest, body: Buffer, done: ParserDone) => void;

const malformedJson = () =>
  new DomainException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.MalformedJson,
    'Malformed JSON in request body',
  );

/**
 * The JSON body parser, with the rules integrators already rely on:
 * - an empty body is `{}` (an action such as `POST …/suspend` sent with a JSON content type and
 *   no body is not an error);
 * - only an object or an array may be the top-level value (`"x"`, `1` or `null` is malformed), so
 *   a handler never receives a body that is not an object;
 * - a charset other than UTF-8 is refused with 415;
 * - `__proto__` keys and `constructor.prototype` are refused: merged into an object by some later
 *   code, they would change every object's prototype.
 */
export const jsonBodyParser: BufferBodyParser = (request, body, done) => {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return done(unsupportedCharset(charset));
  }
  if (body.length === 0) return done(null, {});
  // A leading byte order mark is dropped (some Windows tools write one), as Express's parser did.
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  // JSON's own whitespace: space, tab, LF and CR (trimStart() would skip more).
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') return done(malformedJson());
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return done(malformedJson());
  }
  // Only a body that mentions one of the names is walked.
  if ((text.includes('__proto__') || text.includes('constructor')) && hasPoisonedKey(parsed)) {
    return done(
      new DomainException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.ValidationFailed,
        'The request body may not contain "__proto__" or "constructor.prototype" keys',
      ),
    );
  }
  done(null, parsed);
};

function hasPoisonedKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasPoisonedKey);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === '__proto__') return true;
    const member = record[key];
    if (
      key === 'constructor' &&
      member !== null &&
      typeof member === 'object' &&
      Object.prototype.hasOwnProperty.call(member, 'prototype')
    ) {
      return true;
    }
    if (hasPoisonedKey(member)) return true;
  }
  return false;
}

/** `application/x-www-form-urlencoded`: flat key/value pairs, as `extended: false` parsed them. */
export const urlencodedBodyParser: BufferBodyParser = (request, body, done) => {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return done(unsupportedCharset(charset));
  }
  done(null, { ...parseQueryString(body.toString('utf8')) });
};

function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toLowerCase();
}

function unsupportedCharset(charset: string): DomainException {
  return new DomainException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.UnsupportedMediaType,
    `Unsupported charset "${charset.slice(0, 40)}": send the body as UTF-8`,
  );
}
