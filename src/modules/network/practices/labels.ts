import type { PalabreModule } from '../../../platform/module.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Principle } from './tables.js';

export const principleKeys: Record<Principle, string> = {
  transparency: 'network.practices.principle_transparency',
  participation: 'network.practices.principle_participation',
  accountability: 'network.practices.principle_accountability',
  innovation: 'network.practices.principle_innovation',
};

/** A module a practice can be tagged with: its id and the key of its name as staff know it. */
export interface ModuleTag {
  id: string;
  labelKey: string | null;
}

const publicLabel = (m: PalabreModule) => m.navigation?.find((n) => n.area === 'public')?.labelKey;

/**
 * The install's feature modules a practice can use: those named for administrators, or switchable with public pages
 * (platform areas such as sign-in are not features). The network itself aside: every practice is a network practice.
 */
export const moduleTags = (modules: readonly PalabreModule[]): ModuleTag[] =>
  modules
    .filter((m) => m.id !== 'network' && (m.nameKey || (!m.alwaysOn && publicLabel(m))))
    .map((m) => ({ id: m.id, labelKey: m.nameKey ?? publicLabel(m) ?? null }));

export const moduleLabel = (ctx: ViewContext, tags: ModuleTag[], id: string): string => {
  const labelKey = tags.find((tag) => tag.id === id)?.labelKey;
  return labelKey ? ctx.t(labelKey) : id;
};
