// ESLint rule: a module imports only the platform and other modules' index.ts; the platform imports no module.
// Written here because the layering is specific to Palabre and takes a dozen lines to check exactly.
import { dirname, relative, resolve, sep } from 'node:path';

const srcRoot = resolve('src');

function locate(path) {
  const parts = relative(srcRoot, path).split(sep);
  if (parts[0] === 'modules' && parts.length > 2) return { area: 'module', name: parts[1], rest: parts.slice(2).join('/') };
  if (parts[0] === 'platform') return { area: 'platform' };
  return { area: 'root', file: parts.join('/') };
}

export const moduleBoundaries = {
  meta: { type: 'problem', messages: { crossing: '{{why}}' }, schema: [] },
  create(context) {
    const file = context.filename;
    const from = locate(file);
    const isTest = /(\.test|test-helpers)\.tsx?$/.test(file);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const to = locate(resolve(dirname(file), source));
        const report = (why) => context.report({ node, messageId: 'crossing', data: { why } });
        if (from.area === 'platform' && to.area !== 'platform' && !isTest) report('The platform knows no domain: it must not import modules or the composition root.');
        if (from.area !== 'module') return;
        if (to.area === 'module' && to.name !== from.name && to.rest !== 'index.js') report(`Import another module only through its index.ts (modules/${to.name}/index.js).`);
        if (to.area === 'root' && !isTest) report('Modules do not depend on the composition root (app, seed, test support).');
      },
    };
  },
};
