// Characters XML 1.0 forbids even when escaped (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe as XML element content or attribute value (the Atom feed, Open311, RDF/XML): markup characters
 * escaped ('>' too, so "]]>" cannot break a document), characters XML cannot carry removed.
 */
export function escapeXml(text: string): string {
  return text.replace(forbidden, '').replace(/[&<>"']/g, (c) => entities[c]!);
}
