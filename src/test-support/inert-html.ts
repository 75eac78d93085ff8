import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { bidiControls } from './hostile-strings.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (node: Node): node is Element => 'tagName' in node;
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset', 'background']);
const activeTags = new Set(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'base']);
// Text that cannot carry markup, or is an edit box showing the raw value back.
const rawTextParents = new Set(['title', 'textarea', 'option']);

function* walk(node: Node, ancestors: Element[] = []): Generator<{ node: Node; ancestors: Element[] }> {
  yield { node, ancestors };
  const children = 'childNodes' in node ? node.childNodes : [];
  const inner = isElement(node) ? [...ancestors, node] : ancestors;
  for (const child of children) yield* walk(child, inner);
  if (isElement(node) && 'content' in node) yield* walk(node.content as Node, inner);
}

const isolates = (element: Element) => element.tagName === 'bdi' || element.attrs.some((a) => a.name === 'dir');

/**
 * Problems that would make a page run or reorder what a person typed: scripts and active elements, event
 * handler attributes, javascript:/data: URLs (the empty favicon `data:,` aside), and bidi controls
 * outside an isolating element (<bdi> or one with a dir attribute, below <body>).
 */
export function inertnessProblems(html: string): string[] {
  const problems: string[] = [];
  const document = parse(html);
  for (const { node, ancestors } of walk(document)) {
    if (isElement(node)) {
      if (activeTags.has(node.tagName)) problems.push(`<${node.tagName}> element`);
      for (const attr of node.attrs) {
        if (attr.name.startsWith('on')) problems.push(`${attr.name} attribute on <${node.tagName}>`);
        // Browsers ignore whitespace and control characters inside the scheme.
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        const url = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (urlAttributes.has(attr.name) && (url.startsWith('javascript:') || url.startsWith('vbscript:') || (url.startsWith('data:') && url !== 'data:,'))) {
          problems.push(`${attr.name}="${attr.value.slice(0, 40)}" on <${node.tagName}>`);
        }
      }
    } else if (node.nodeName === '#text' && bidiControls.test((node as DefaultTreeAdapterMap['textNode']).value)) {
      const parent = ancestors.at(-1);
      const isolated = ancestors.filter((a) => a.tagName !== 'html' && a.tagName !== 'body').some(isolates);
      if (!isolated && !(parent && rawTextParents.has(parent.tagName))) problems.push(`bidi control outside an isolate, in <${parent?.tagName}>`);
    }
  }
  return problems;
}

/** The text a reader sees (and edit boxes and attribute values show), to check a hostile string survives as text. */
export function visibleText(html: string): string {
  const parts: string[] = [];
  for (const { node } of walk(parse(html))) {
    if (node.nodeName === '#text') parts.push((node as DefaultTreeAdapterMap['textNode']).value);
    else if (isElement(node)) for (const attr of node.attrs) if (attr.name === 'value') parts.push(attr.value);
  }
  return parts.join('\n');
}
