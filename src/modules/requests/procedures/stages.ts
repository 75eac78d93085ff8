import type { Locale } from '../../../platform/i18n/locales.js';
import ar from '../i18n/procedures.ar.json' with { type: 'json' };
import en from '../i18n/procedures.en.json' with { type: 'json' };
import fr from '../i18n/procedures.fr.json' with { type: 'json' };
import pt from '../i18n/procedures.pt.json' with { type: 'json' };

/** The fixed stages of an administrative-procedure request (the same in every commune: residents compare them). */
export const procedureStages = ['received', 'missing_information', 'in_progress', 'ready', 'collected', 'refused'] as const;
export type ProcedureStage = (typeof procedureStages)[number];

export const isProcedureStage = (value: string): value is ProcedureStage => (procedureStages as readonly string[]).includes(value);

/** Where each stage may go next; collected and refused are final. */
export const nextStages: Record<ProcedureStage, readonly ProcedureStage[]> = {
  received: ['missing_information', 'in_progress', 'refused'],
  missing_information: ['in_progress', 'refused'],
  in_progress: ['ready', 'refused'],
  ready: ['collected'],
  collected: [],
  refused: [],
};

export const canMove = (from: string, to: string): boolean => isProcedureStage(from) && isProcedureStage(to) && nextStages[from].includes(to);

export const isFinalStage = (stage: ProcedureStage) => nextStages[stage].length === 0;

export const stageKeys: Record<ProcedureStage, string> = {
  received: 'requests.procedure.stage.received',
  missing_information: 'requests.procedure.stage.missing_information',
  in_progress: 'requests.procedure.stage.in_progress',
  ready: 'requests.procedure.stage.ready',
  collected: 'requests.procedure.stage.collected',
  refused: 'requests.procedure.stage.refused',
};

// Read from the module's own catalogues: a phone answer (SMS, USSD, WhatsApp) is built outside any page.
const stageNames: Record<Locale, Record<string, string>> = { fr, en, pt, ar };

/** A stage's name in the caller's language, for a phone answer. */
export const stageName = (stage: string, locale: Locale): string =>
  isProcedureStage(stage) ? (stageNames[locale][`procedure.stage.${stage}`] ?? fr[`procedure.stage.${stage}`]) : stage;
