import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allModules } from './app.js';
import { coreCatalogues } from './platform/i18n/catalogues.js';
import type { Catalogues } from './platform/i18n/i18n.js';
import { locales } from './platform/i18n/locales.js';

const sourceRoot = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const namespaces = new Map<string, Catalogues>([['core', coreCatalogues], ...allModules.map((m) => [m.id, m.i18n] as [string, Catalogues])]);
const source = sourceFiles(sourceRoot).map((file) => readFileSync(file, 'utf8')).join('\n');

describe('interface string catalogues', () => {
  for (const [namespace, catalogues] of namespaces) {
    it(`${namespace}: every key exists, non-empty, in all four languages`, () => {
      const reference = new Set(locales.flatMap((locale) => Object.keys(catalogues[locale])));
      for (const locale of locales) {
        const missing = [...reference].filter((key) => !catalogues[locale][key]?.trim());
        expect(missing, `${namespace} keys missing in ${locale}`).toEqual([]);
      }
    });

    it(`${namespace}: every key is used in the code`, () => {
      const unused = Object.keys(catalogues.fr).filter((key) => !source.includes(`'${namespace}.${key}'`) && !source.includes(`"${namespace}.${key}"`) && !source.includes(`\`${namespace}.${key}\``));
      expect(unused, `${namespace} keys never used (remove them or use them)`).toEqual([]);
    });
  }

  it('every key passed to t(), or named as a label or message key, exists', () => {
    const used = [...source.matchAll(/(?:\bt\(\s*|(?:labelKey|messageKey|titleKey):\s*)['"]([a-z][\w-]*\.[\w.-]+)['"]/g)].map((match) => match[1]!);
    const missing = used.filter((key) => {
      const [namespace, ...rest] = key.split('.');
      return !namespaces.get(namespace!)?.fr[rest.join('.')];
    });
    expect([...new Set(missing)]).toEqual([]);
  });
});
