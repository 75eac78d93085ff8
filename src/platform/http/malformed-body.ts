/**
 * The multipart parser (busboy) reports a cut-off or garbled body as a plain Error, with no HTTP status:
 * that is the client's fault (400), not a server failure (found by the fuzz suite, src/fuzz/hostile-routes.test.ts).
 */
const malformedMultipart = /unexpected end of (multipart data|form)|malformed part header|boundary not found|part terminated early/i;

export function isMalformedMultipart(error: Error): boolean {
  return !(error as { statusCode?: number }).statusCode && malformedMultipart.test(error.message);
}
