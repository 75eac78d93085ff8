import { detect as guessEncoding } from 'chardet';
import iconv from 'iconv-lite';

/**
 * The encoding of a text file from its first bytes: a byte-order mark if any, else UTF-8 when the bytes are valid
 * UTF-8, else what chardet guesses. Windows-1252 stands in for ISO-8859-1 (a superset, and what Excel writes).
 */
export function detectEncoding(sample: Buffer): string {
  if (sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
  if (sample.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))) return 'utf-16le';
  if (sample.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) return 'utf-16be';
  // The sample may end inside a multi-byte character: ignore its last three bytes.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
    return 'utf-8';
  } catch {
    const guessed = guessEncoding(sample)?.toLowerCase() ?? '';
    if (guessed === '' || guessed.startsWith('iso-8859-1') || guessed === 'windows-1252') return 'windows-1252';
    return iconv.encodingExists(guessed) ? guessed : 'windows-1252';
  }
}

export const delimiters = [',', ';', '\t', '|'] as const;

/** Fields per line for one delimiter, quotes respected (a delimiter inside "…" does not count). */
function fieldCount(line: string, delimiter: string): number {
  let count = 1;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}

/** The delimiter that splits the first lines into the same number of fields (more than one), the most of them. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 30);
  if (lines.length > 1) lines.pop(); // the sample may cut the last line
  let best: { delimiter: string; fields: number; consistency: number } = { delimiter: ',', fields: 1, consistency: 0 };
  for (const delimiter of delimiters) {
    const counts = lines.map((line) => fieldCount(line, delimiter));
    const header = counts[0] ?? 1;
    const consistency = counts.filter((count) => count === header).length / Math.max(1, counts.length);
    const better = header > 1 && (consistency > best.consistency || (consistency === best.consistency && header > best.fields));
    if (better) best = { delimiter, fields: header, consistency };
  }
  return best.delimiter;
}
