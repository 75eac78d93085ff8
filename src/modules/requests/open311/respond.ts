import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { xmlDocument, type XmlValue } from './xml.js';

export type Format = 'json' | 'xml';

/** The spec's error statuses: 404 for what does not exist, 403 for a missing or bad api_key, 400 for the rest. */
export type Open311Status = 400 | 403 | 404;

/**
 * An error an Open311 client reads. Descriptions are in English: they are meant for the developers of the
 * client apps (the spec leaves the language open), and the HTTP status tells the app what happened.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly description: string,
    /** The code in the body; the spec lets it be more precise than the HTTP status (e.g. 429). */
    readonly code: number = status,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

const contentTypes: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** The format named by the URL's extension (…/services.xml); an unknown one is a resource that does not exist. */
export function formatOf(extension: string | undefined): Format {
  if (extension === 'json' || extension === 'xml') return extension;
  throw new Open311Error(404, 'Unknown format: use .json or .xml');
}

/** Same answer, even for a failure before the route's parameters are read: the extension at the end of the path. */
function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** One document as text: JSON as is, XML with `root` as the root element and `itemNames` for the lists. */
export function documentOf(format: Format, value: XmlValue, root: string, itemNames: Record<string, string> = {}): { body: string; contentType: string } {
  return { body: format === 'json' ? JSON.stringify(value) : xmlDocument(root, value, itemNames), contentType: contentTypes[format] };
}

/** Sends one document (see `documentOf`). */
export function sendDocument(reply: FastifyReply, format: Format, value: XmlValue, root: string, itemNames: Record<string, string> = {}, status = 200): FastifyReply {
  const { body, contentType } = documentOf(format, value, root, itemNames);
  return reply.status(status).type(contentType).header('cache-control', 'no-store').send(body);
}

function sendErrors(reply: FastifyReply, format: Format, error: Open311Error): FastifyReply {
  return sendDocument(reply, format, [{ code: error.code, description: error.description }], 'errors', { errors: 'error' }, error.status);
}

const notFoundCodes = new Set(['NOT_FOUND', 'COMMUNE_NOT_FOUND', 'MODULE_DISABLED']);

/** Any failure, as the spec wants it: platform errors (unknown commune, rate limit, bad body…) mapped to 404/403/400. */
function toOpen311Error(error: FastifyError | AppError | Error): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError) {
    if (notFoundCodes.has(error.code)) return new Open311Error(404, 'Not found');
    if (error.code === 'RATE_LIMITED') return new Open311Error(400, 'Too many requests with this api_key: wait and try again', 429);
    return new Open311Error(400, `Request refused (${error.code})`, error.status);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 404) return new Open311Error(404, 'Not found');
  if (status === 429) return new Open311Error(400, 'Too many requests with this api_key: wait and try again', 429);
  if (status && status >= 400 && status < 500) return new Open311Error(400, 'The request could not be read', status);
  return new Open311Error(400, 'The service failed to process the request: please tell the commune', 500);
}

/** Inside the Open311 scope, every error (even an unknown path) answers in the spec's format, in the URL's format. */
export function installOpen311Errors(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const open311 = toOpen311Error(error);
    if (open311.code === 500) request.log.error({ err: error }, 'open311 failure');
    else request.log.info({ code: open311.code, detail: error.message }, 'open311 request refused');
    return sendErrors(reply, formatOfUrl(request.url), open311);
  });
}
