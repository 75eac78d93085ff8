import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../views/layout.js';
import { AppError, type ErrorCode, errorCatalogue } from './errors.js';
import { isMalformedMultipart } from './malformed-body.js';
import { sendPage } from './render.js';

function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  if (isMalformedMultipart(error)) return new AppError('BAD_REQUEST', error.message);
  const status = (error as FastifyError).statusCode;
  const byStatus: Record<number, ErrorCode> = {
    400: 'BAD_REQUEST',
    404: 'NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_FILE_TYPE',
    429: 'RATE_LIMITED',
  };
  const code = status ? byStatus[status] : undefined;
  return new AppError(code ?? 'INTERNAL', error.message);
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route's own page when its rate limit is reached (e.g. one that keeps what the person typed); status 429 stays. */
    onRateLimited?: (request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) => Promise<FastifyReply>;
  }
}

/** Seconds until the limit resets, from the Retry-After header the rate-limit plugin set (at least one). */
function retryAfterSeconds(reply: FastifyReply): number {
  const seconds = Number(reply.getHeader('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}

async function respond(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<FastifyReply> {
  const friendly = request.routeOptions?.config?.onRateLimited;
  if (error.code === 'RATE_LIMITED' && friendly) {
    const seconds = retryAfterSeconds(reply);
    reply.header('retry-after', String(seconds));
    await friendly(request, reply.status(429), seconds);
    return reply;
  }
  const message = request.t ? request.t(error.messageKey) : error.code;
  if (error.code === 'SIGN_IN_REQUIRED' && request.method === 'GET' && !wantsJson(request)) {
    return reply.redirect(`/sign-in?return=${encodeURIComponent(request.url)}`, 303);
  }
  if (wantsJson(request) || !request.t) {
    return reply.status(error.status).send({ error: { code: error.code, message } });
  }
  return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} code={error.code} message={message} />, error.status);
}

/** Every failure becomes a translated page (or JSON) with a stable code; stack traces stay in the logs. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: appError.code, detail: appError.message }, 'request refused');
    return respond(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, new AppError('NOT_FOUND', request.url)));
}

export { errorCatalogue };
