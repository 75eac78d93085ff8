import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/http/errors.js';

/** The `__type` values CKAN's action view puts in its error envelope, with the HTTP status it pairs them with. */
const errorStatuses = {
  'Not Found Error': 404,
  'Validation Error': 409,
  'Authorization Error': 403,
  'Search Query Error': 400,
} as const;

export type CkanErrorType = keyof typeof errorStatuses;

/**
 * A failure an action reports, sent as CKAN does: `{help, success: false, error: {__type, message, …}}`.
 * Validation errors also carry CKAN's field-keyed messages (`{"rows": ["Must be a natural number"]}`).
 */
export class CkanError extends Error {
  constructor(
    readonly type: CkanErrorType,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'CkanError';
  }
}

export const notFound = (what = '') => new CkanError('Not Found Error', what ? `Not found: ${what}` : 'Not found');

/** One invalid parameter, as CKAN's validators report it. */
export const invalid = (field: string, message: string) => new CkanError('Validation Error', `${field}: ${message}`, { [field]: [message] });

/** CKAN answers an action it does not know with a bare JSON string and 400, not with its envelope. */
export class UnknownActionError extends Error {
  constructor(readonly action: string) {
    super(`Bad request - Action name not known: ${action}`);
  }
}

/** The base of the action API a request came through: per commune or install-wide. */
export function actionBase(baseUrl: string, communeSlug: string | null): string {
  return `${baseUrl}${communeSlug ? `/${communeSlug}` : ''}/api/3/action`;
}

/** CKAN's `help` field: the help_show URL of the action called. */
export const helpUrl = (base: string, action: string) => `${base}/help_show?name=${encodeURIComponent(action)}`;

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  // Catalogue metadata changes with live data: clients must not cache a stale page of results.
  return reply.status(status).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body));
}

export const sendResult = (reply: FastifyReply, help: string, result: unknown) => sendJson(reply, 200, { help, success: true, result });

function sendCkanError(reply: FastifyReply, help: string, error: CkanError): FastifyReply {
  return sendJson(reply, errorStatuses[error.type], { help, success: false, error: { __type: error.type, message: error.message, ...error.fields } });
}

/** Any failure the platform raises before an action runs (unknown commune, rate limit, unreadable body) in CKAN's terms. */
function toCkanError(error: FastifyError | AppError | Error): CkanError | string {
  if (error instanceof CkanError) return error;
  if (error instanceof AppError) {
    if (error.status === 404) return notFound();
    if (error.status === 403) return new CkanError('Authorization Error', 'Access denied');
    return `Bad request - ${error.code}`;
  }
  const status = (error as FastifyError).statusCode;
  if (status === 404) return notFound();
  if (status && status >= 400 && status < 500) return `Bad request - JSON Error: ${error.message}`;
  return 'Internal Server Error';
}

const actionOfUrl = (url: string) => /\/api\/(?:3\/)?action\/([^/?#]*)/.exec(url)?.[1] ?? '';

/** Inside the CKAN scope every error answers as CKAN's action view does, never as an HTML page. */
export function installCkanErrors(app: FastifyInstance, baseOf: (request: FastifyRequest) => string): void {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof UnknownActionError) return sendJson(reply, 400, error.message);
    const ckan = toCkanError(error);
    if (ckan === 'Internal Server Error') request.log.error({ err: error }, 'ckan api failure');
    if (typeof ckan === 'string') {
      const status = error instanceof AppError ? error.status : ((error as FastifyError).statusCode ?? 500);
      return sendJson(reply, status >= 400 ? status : 500, ckan);
    }
    const help = helpUrl(baseOf(request), decodeURIComponent(actionOfUrl(request.url)));
    return sendCkanError(reply, help, ckan);
  });
}
