/**
 * A one-page PDF of plain text lines, for the demo practices' documents (the seed needs a real, small PDF and the
 * project has no PDF library). Latin-1 text only: Helvetica with WinAnsi encoding covers French accents.
 */
const winAnsiPunctuation: Record<string, string> = { '‘': '\x91', '’': '\x92', '“': '\x93', '”': '\x94', '–': '\x96', '—': '\x97', '…': '\x85' };

/** Text as WinAnsi bytes (typographic punctuation mapped, anything else outside Latin-1 as "?"), PDF-escaped. */
const escape = (text: string) =>
  text
    .replace(/[\\()]/g, (c) => `\\${c}`)
    .replace(/[^\u0020-\u00ff]/g, (c) => winAnsiPunctuation[c] ?? '?');

export function onePageTextPdf(title: string, lines: string[]): Buffer {
  const text = [`BT /F1 16 Tf 56 780 Td (${escape(title)}) Tj ET`, ...lines.map((line, n) => `BT /F1 11 Tf 56 ${748 - n * 16} Td (${escape(line)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [index, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
