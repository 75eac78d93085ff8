import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/http/errors.js';

/** A failure a harvester reads: JSON with the HTTP status and an English message (meant for developers). */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function statusOf(error: FastifyError | AppError | Error): { status: number; message: string } {
  if (error instanceof ApiError) return { status: error.status, message: error.message };
  if (error instanceof AppError) return error.status === 404 ? { status: 404, message: 'Not found' } : { status: error.status, message: `Request refused (${error.code})` };
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) return { status, message: 'The request could not be read' };
  return { status: 500, message: 'The service failed: please tell the commune' };
}

/** Inside the API's own scope, every error answers in JSON (never the HTML error page), an unknown commune too. */
export function installApiErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, message } = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'open-data API failure');
    return reply.status(status).type('application/json; charset=utf-8').send({ error: { status, message } });
  });
}
