/**
 * A strict reader of the Open311 XML documents, for tests: elements and text only, as the spec's documents are.
 * It throws on anything malformed (an unescaped "<" or "&", unbalanced tags, a missing declaration), so a test
 * reading a document also proves it is well-formed.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The decoded text of a leaf; null for an empty element or one with children. */
  text: string | null;
}

const declaration = '<?xml version="1.0" encoding="utf-8"?>\n';
const token = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)|(<)/y;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([^;&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';') || !(name in entities)) throw new Error(`bad entity ${whole}`);
    return entities[name]!;
  });
}

export function readXml(xml: string): XmlElement {
  if (!xml.startsWith(declaration)) throw new Error('missing XML declaration');
  const body = xml.slice(declaration.length).replace(/\n$/, '');
  const root: XmlElement = { name: '#document', children: [], text: null };
  const stack: XmlElement[] = [root];
  token.lastIndex = 0;
  while (token.lastIndex < body.length) {
    const match = token.exec(body);
    if (!match || match[5]) throw new Error(`malformed XML at ${token.lastIndex}`);
    const parent = stack.at(-1)!;
    const [, closing, name, selfClosing, text] = match;
    if (text !== undefined) {
      if (parent === root || parent.children.length > 0) throw new Error('text outside a leaf element');
      parent.text = (parent.text ?? '') + decode(text);
    } else if (closing) {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
    } else {
      if (parent.text !== null) throw new Error('element inside text');
      const element: XmlElement = { name: name!, children: [], text: null };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced XML');
  return root.children[0]!;
}

export const childNames = (element: XmlElement): string[] => element.children.map((c) => c.name);
export const childText = (element: XmlElement, name: string): string | null => element.children.find((c) => c.name === name)?.text ?? null;
