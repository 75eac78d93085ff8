import type { LocalizedText } from '../../platform/i18n/locales.js';
import { locales, pickLocalized } from '../../platform/i18n/locales.js';
import type { ViewContext } from '../../platform/views/view-context.js';

/** A commune's name in the reader's language (or the best available one). */
export function communeLabel(ctx: ViewContext, name: LocalizedText | null | undefined): string {
  return (name && pickLocalized(name, ctx.locale, locales)?.value) || '';
}
