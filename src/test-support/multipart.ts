import type { LightMyRequestResponse } from 'fastify';
import { testCsrfToken, type TestApp } from './test-app.js';

export interface UploadPart {
  content: Buffer;
  filename: string;
  type: string;
}

/** A multipart/form-data body as a browser sends it for the back-office forms with a file input. */
export function multipartBody(fields: Record<string, string>, files: Record<string, UploadPart> = {}) {
  const boundary = '----palabre-test-boundary';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, file] of Object.entries(files)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form as a demo account, with the CSRF token in the action URL like the real forms. */
export async function postMultipart(
  t: TestApp,
  key: string,
  url: string,
  fields: Record<string, string>,
  files: Record<string, UploadPart> = {},
  options: { csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(fields, files);
  const separator = url.includes('?') ? '&' : '?';
  return t.app.inject({
    method: 'POST',
    url: options.csrf === false ? url : `${url}${separator}_csrf=${testCsrfToken}`,
    headers: { cookie: await t.cookiesFor(key), 'content-type': contentType },
    payload,
  });
}
