/** A USSD screen is at most 182 characters on every network (carrier enforced). */
export const maxScreenLength = 182;

export interface Choice {
  key: string;
  label: string;
}

/**
 * Lays out a title and numbered choices within the screen limit: labels are shortened with "…" when the
 * whole would not fit, so every choice stays visible (a cut-off menu cannot be answered).
 */
export function menuScreen(title: string, choices: Choice[], footer = ''): string {
  const lines = (labels: string[]) => [title, ...choices.map((c, i) => `${c.key} ${labels[i]}`), footer].filter(Boolean).join('\n');
  let labels = choices.map((c) => c.label);
  let room = Math.max(...labels.map(charCount), 0);
  while (charCount(lines(labels)) > maxScreenLength && room > 4) {
    room -= 1;
    labels = choices.map((c) => shorten(c.label, room));
  }
  return shorten(lines(labels), maxScreenLength);
}

/** Characters as a phone shows them (an emoji is one, not two UTF-16 units). */
export const charCount = (text: string) => [...text].length;

/** Cuts a text to `max` characters, at a word boundary when one is near, ending with "…". */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
