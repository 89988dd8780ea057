import type { FastifyRequest } from 'fastify';
import { DomainException } from '../errors/domain.exception';
import { jsonBodyParser, urlencodedBodyParser, BufferBodyParser } from './body-parsers';

function parse(parser: BufferBodyParser, body: string, contentType = 'application/json') {
  let outcome: { error: Error | null; body?: unknown } | undefined;
  const request = { headers: { 'content-type': contentType } } as unknown as FastifyRequest;
  parser(request, Buffer.from(body, 'utf8'), (error, parsed) => {
    outcome = { error, body: parsed };
  });
  if (!outcome) throw new Error('the parser did not call back');
  return outcome;
}

function refusal(body: string, contentType?: string) {
  const { error } = parse(jsonBodyParser, body, contentType);
  expect(error).toBeInstanceOf(DomainException);
  const exception = error as DomainException;
  return { status: exception.getStatus(), code: exception.code };
}

describe('jsonBodyParser', () => {
  it('reads objects and arrays, after JSON whitespace', () => {
    expect(parse(jsonBodyParser, ' \n\t{"a":[1,{"b":"ü"}]}').body).toEqual({ a: [1, { b: 'ü' }] });
    expect(parse(jsonBodyParser, '[1,2]').body).toEqual([1, 2]);
    expect(parse(jsonBodyParser, '\uFEFF{"bom":true}').body).toEqual({ bom: true });
  });

  it('reads an empty body as {}', () => {
    expect(parse(jsonBodyParser, '')).toEqual({ error: null, body: {} });
  });

  it.each(['"x"', '1', 'null', 'false', '{"a":', '{a:1}'])(
    'refuses %j as malformed JSON',
    (body) => {
      expect(refusal(body)).toEqual({ status: 400, code: 'MALFORMED_JSON' });
    },
  );

  it.each([
    '{"__proto__":{"admin":true}}',
    '{"a":[{"b":{"__proto__":{}}}]}',
    '[{"constructor":{"prototype":{"admin":true}}}]',
  ])('refuses a prototype-poisoning key in %s', (body) => {
    expect(refusal(body)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('accepts the words themselves as values and an innocent constructor key', () => {
    const body = '{"note":"__proto__ and constructor","constructor":"Acme","c":{"constructor":{}}}';
    expect(parse(jsonBodyParser, body).body).toEqual(JSON.parse(body));
  });

  it('accepts UTF-8 (any spelling) and refuses other charsets with 415', () => {
    expect(parse(jsonBodyParser, '{}', 'application/json; charset=UTF-8').error).toBeNull();
    expect(parse(jsonBodyParser, '{}', 'application/json;charset="utf8"').error).toBeNull();
    expect(refusal('{}', 'application/json; charset=latin1')).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});

describe('urlencodedBodyParser', () => {
  it('reads flat pairs into a plain object', () => {
    const { body } = parse(
      urlencodedBodyParser,
      'a=1&b=x%20y&a=2',
      'application/x-www-form-urlencoded',
    );
    expect(body).toEqual({ a: ['1', '2'], b: 'x y' });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });
});
