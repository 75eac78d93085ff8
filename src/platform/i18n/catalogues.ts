import type { Catalogues } from './i18n.js';
import ar from './core/ar.json' with { type: 'json' };
import en from './core/en.json' with { type: 'json' };
import fr from './core/fr.json' with { type: 'json' };
import pt from './core/pt.json' with { type: 'json' };

export const coreCatalogues: Catalogues = { fr, en, pt, ar };
