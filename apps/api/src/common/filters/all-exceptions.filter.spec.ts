import { ArgumentsHost, BadRequestException, HttpStatus, Logger } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { AllExceptionsFilter, sendError } from './all-exceptions.filter';

/** A Fastify reply double: the filter answers through `code().headers().send()`. */
function run(exception: unknown, requestId = 'req-1') {
  const response = {
    raw: {},
    sent: false,
    code: jest.fn().mockReturnThis(),
    headers: jest.fn().mockReturnThis(),
    send: jest.fn().mockReturnThis(),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: requestId, method: 'GET', url: '/x' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return {
    status: response.code.mock.calls[0][0],
    body: response.send.mock.calls[0][0],
    headers: response.headers.mock.calls[0][0],
    response,
  };
}

/** An error as Fastify raises it before a route runs (`@fastify/error`: a code and a status). */
function fastifyError(code: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

/** An error as pg raises it for a server's ErrorResponse: the SQLSTATE in `code`. */
function driverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

/** A socket error as Node raises it (`connect ECONNREFUSED 127.0.0.1:5432`). */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

/** An error of TypeORM's own, known by its name. */
function named(name: string): Error {
  return Object.assign(new Error(`${name} happened`), { name });
}

/** TypeORM's QueryFailedError: its own message, the driver's error in `driverError`. */
function queryFailed(driver: Error): Error {
  return Object.assign(new Error(driver.message), {
    name: 'QueryFailedError',
    driverError: driver,
  });
}

describe('AllExceptionsFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('hides an unknown error behind a generic 500 that names the request id', () => {
    const { status, body } = run(
      new Error('relation "secret_table" does not exist; password=hunter2'),
    );
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error; quote request id req-1 when reporting it',
      code: 'INTERNAL_ERROR',
      request_id: 'req-1',
    });
    expect(JSON.stringify(body)).not.toMatch(/hunter2|secret_table|at /);
  });

  it('answers an exhausted connection pool with a retryable 503', () => {
    const { status, body, headers } = run(new Error('timeout exceeded when trying to connect'));
    expect(status).toBe(503);
    expect(body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(headers).toEqual({ 'Retry-After': '1' });
  });

  it.each([
    ['a server that is down (connect refused)', socketError('ECONNREFUSED')],
    ['a connection reset mid-query', queryFailed(socketError('ECONNRESET'))],
    ['a connection reset while the pool opened it', socketError('ECONNRESET')],
    ['a transaction whose connection was lost', named('QueryRunnerProviderAlreadyReleasedError')],
    ['a query on a runner whose connection was lost', named('QueryRunnerAlreadyReleasedError')],
    [
      'a session cut by a shutdown (57P01)',
      driverError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a server starting up (57P03)', driverError('57P03', 'the database system is starting up')],
    ['a connection failure (08006)', driverError('08006', 'connection failure')],
    ['too many connections (53300)', driverError('53300', 'sorry, too many clients already')],
    [
      'TypeORM wrapping a cut session',
      queryFailed(driverError('57P01', 'terminating connection due to administrator command')),
    ],
    ['TypeORM wrapping a refused connect', queryFailed(socketError('ECONNREFUSED'))],
  ])('answers %s with a retryable 503', (_name, exception) => {
    const { status, body, headers } = run(exception);
    expect(status).toBe(503);
    expect(body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(headers).toEqual({ 'Retry-After': '1' });
  });

  it.each([
    ['a unique violation (23505)', driverError('23505', 'duplicate key value')],
    ['a syntax error (42601)', queryFailed(driverError('42601', 'syntax error at or near'))],
    ['an unrelated error with a code', socketError('ENOENT')],
  ])('keeps %s a 500: the database answered', (_name, exception) => {
    expect(run(exception).status).toBe(500);
  });

  it('logs the unknown error for operators', () => {
    const error = new Error('boom');
    run(error);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: error, requestId: 'req-1' }),
      'Unhandled error',
    );
  });

  it('keeps a domain error’s code, details and headers', () => {
    const { status, body, headers } = run(
      new DomainException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', 'Slow down', undefined, {
        'Retry-After': '30',
      }),
    );
    expect(status).toBe(429);
    expect(body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Slow down',
      code: 'RATE_LIMITED',
    });
    expect(headers).toEqual({ 'Retry-After': '30' });
  });

  it('maps framework HTTP exceptions into the same shape', () => {
    const { body } = run(new BadRequestException(['a is wrong', 'b is wrong']));
    expect(body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a is wrong; b is wrong',
      code: 'VALIDATION_FAILED',
    });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'],
    [
      'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Content-Type: send the body as application/json',
    ],
    [
      'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
      400,
      'VALIDATION_FAILED',
      'The request body does not match its Content-Length',
    ],
    ['FST_ERR_BAD_URL', 400, 'VALIDATION_FAILED', 'The request URL is not correctly encoded'],
  ])('answers Fastify’s %s in the one shape with %i', (code, statusCode, errorCode, message) => {
    const { status, body } = run(fastifyError(code, statusCode, `Fastify says ${code}`));
    expect(status).toBe(statusCode);
    expect(body).toEqual({
      statusCode,
      error: expect.any(String),
      message,
      code: errorCode,
      request_id: 'req-1',
    });
  });

  it('does not trust a status on an error that is not Fastify’s own client error', () => {
    expect(run(fastifyError('ERR_STREAM_PREMATURE_CLOSE', 400, 'premature close')).status).toBe(
      500,
    );
    expect(run(fastifyError('FST_ERR_SOMETHING', 500, 'internal')).status).toBe(500);
  });

  it('does not answer twice once a reply has gone out', () => {
    const response = { raw: {}, sent: true, code: jest.fn(), headers: jest.fn(), send: jest.fn() };
    sendError(response as never, { statusCode: 500, error: 'x', message: 'x' }, {});
    expect(response.send).not.toHaveBeenCalled();
  });

  it('answers on a bare Node response (an error raised in middleware)', () => {
    const end = jest.fn();
    const raw = { headersSent: false, writeHead: jest.fn().mockReturnValue({ end }) };
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'nope',
      code: 'VALIDATION_FAILED',
    };
    sendError(raw as never, body, { 'Retry-After': '1' });
    expect(raw.writeHead).toHaveBeenCalledWith(400, {
      'Retry-After': '1',
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(JSON.parse(end.mock.calls[0][0] as string)).toEqual(body);
  });
});
