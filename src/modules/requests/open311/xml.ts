import { escapeXml } from '../../../platform/http/xml-text.js';

/**
 * A small XML writer for the Open311 documents, written here rather than added as a dependency: the
 * documents are plain trees of elements without attributes or namespaces, so escaping text is all it takes.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (!namePattern.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    // The Spark convention: a JSON array is an XML container whose children all bear the singular name.
    const itemName = itemNames[name];
    if (!itemName) throw new Error(`no item name for the list ${name}`);
    return `<${name}>${value.map((item) => element(itemName, item, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([child, v]) => element(child, v, itemNames)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document with its declaration; `itemNames` names the children of each list (e.g. services → service). */
export function xmlDocument(rootName: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootName, value, itemNames)}\n`;
}
