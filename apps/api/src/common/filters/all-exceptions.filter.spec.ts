import { ArgumentsHost, BadRequestException, HttpStatus, Logger } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { AllExceptionsFilter } from './all-exceptions.filter';

function run(exception: unknown, requestId = 'req-1') {
  const response = {
    headersSent: false,
    status: jest.fn().mockReturnThis(),
    json: jest.fn().mockReturnThis(),
    setHeader: jest.fn(),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: requestId, method: 'GET', path: '/x' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return {
    status: response.status.mock.calls[0][0],
    body: response.json.mock.calls[0][0],
    response,
  };
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
    const { status, body, response } = run(new Error('timeout exceeded when trying to connect'));
    expect(status).toBe(503);
    expect(body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(response.setHeader).toHaveBeenCalledWith('Retry-After', '1');
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
    const { status, body, response } = run(
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
    expect(response.setHeader).toHaveBeenCalledWith('Retry-After', '30');
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
});
