import type { PalabreModule } from '../../platform/module.js';
import ar from './i18n/ar.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import metricsAr from './i18n/metrics.ar.json' with { type: 'json' };
import metricsEn from './i18n/metrics.en.json' with { type: 'json' };
import metricsFr from './i18n/metrics.fr.json' with { type: 'json' };
import metricsPt from './i18n/metrics.pt.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };

/**
 * The network of communes (issue 11): an open-governance scorecard computed from live data, good practices and
 * guides, peer exchange and twinning, and reports for partners. Built in increments; see docs/modules/network.md.
 */
export const networkModule: PalabreModule = {
  id: 'network',
  nameKey: 'network.module_name',
  migrations: {},
  i18n: { fr: { ...fr, ...metricsFr }, en: { ...en, ...metricsEn }, pt: { ...pt, ...metricsPt }, ar: { ...ar, ...metricsAr } },
};
