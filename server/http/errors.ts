import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorCode } from '../../shared/sync/wire';
import { DatabaseUnavailable } from '../db/unavailable';

/** An answer the client should act on: status, a stable code, and a message a person can read. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Validates untrusted input; the message names each bad field (never its value: it may be patient data). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : where;
    return `${path}: ${issue.message}`;
  });
  throw new HttpError(400, 'INVALID_REQUEST', `invalid ${where}: ${problems.join('; ')}`);
}

/** Fastify's own 4xx errors (body parsing, size), mapped to our codes. */
const fastifyCodes: Record<string, { status: number; code: ApiErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'the body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_REQUEST', message: 'content-length does not match the body' },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    }
    if (error instanceof DatabaseUnavailable) {
      // Expected during a database restart: a warning, and an answer that tells clients to retry.
      const cause = error.cause instanceof Error && 'code' in error.cause ? error.cause.code : undefined;
      request.log.warn({ err: { name: error.name, code: cause } }, 'database unavailable');
      return reply.status(503).header('retry-after', '2').send({
        error: { code: 'DATABASE_UNAVAILABLE', message: 'the hospital database is unavailable (restarting?); retry shortly' },
      });
    }
    const known = 'code' in error && typeof error.code === 'string' ? fastifyCodes[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (error instanceof SyntaxError || (status >= 400 && status < 500)) {
      // JSON.parse messages quote the body: do not echo or log them.
      const code: ApiErrorCode = error instanceof SyntaxError ? 'INVALID_JSON' : 'INVALID_REQUEST';
      return reply.status(status >= 400 && status < 500 ? status : 400).send({ error: { code, message: code === 'INVALID_JSON' ? 'the body is not valid JSON' : 'bad request' } });
    }
    // Database errors are logged by kind only: their messages and details can quote row values.
    const fromDatabase = 'severity' in error;
    request.log.error(
      { err: { name: error.name, code: 'code' in error ? error.code : undefined, message: fromDatabase ? undefined : error.message } },
      'request failed',
    );
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal server error; see the server log' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
