import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { readXml } from './xml-reader.js';
import { escapeXml } from '../../../platform/http/xml-text.js';
import { xmlDocument } from './xml.js';

describe('the Open311 XML writer', () => {
  it('writes lists with their item names, null as an empty element, and a UTF-8 declaration', () => {
    const xml = xmlDocument('services', [{ service_code: 'roads', metadata: false, group: null }], { services: 'service' });
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>roads</service_code><metadata>false</metadata><group/></service></services>\n');
  });

  it('escapes markup characters so every hostile string reads back exactly (less the characters XML cannot carry)', () => {
    for (const hostile of hostileStrings) {
      const xml = xmlDocument('request', { description: hostile.value });
      expect(xml, hostile.name).not.toContain('<script');
      expect(xml, hostile.name).not.toContain('<img');
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
      const carried = hostile.value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
      expect(readXml(xml).children[0]!.text, hostile.name).toBe(carried);
    }
  });

  it('drops lone surrogates and escapes quotes and ampersands', () => {
    expect(escapeXml('a\uD800b & "c" \'d\' <e>')).toBe('ab &amp; &quot;c&quot; &apos;d&apos; &lt;e&gt;');
  });

  it('refuses an element name that is not one, and a list without an item name', () => {
    expect(() => xmlDocument('bad name', 'x')).toThrow(/element name/);
    expect(() => xmlDocument('things', ['x'])).toThrow(/item name/);
  });

  it('the test reader refuses malformed XML, so the tests that use it can fail', () => {
    expect(() => readXml('<?xml version="1.0" encoding="utf-8"?>\n<a>1 < 2</a>\n')).toThrow();
    expect(() => readXml('<?xml version="1.0" encoding="utf-8"?>\n<a>Tom & Jerry</a>\n')).toThrow();
    expect(() => readXml('<?xml version="1.0" encoding="utf-8"?>\n<a><b></a></b>\n')).toThrow();
    expect(() => readXml('<a/>')).toThrow();
  });
});
