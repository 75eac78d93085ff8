import type { Consultation, Phase } from '../db/tables.js';
import type { Survey } from './survey-tables.js';

type PhaseDates = Pick<Phase, 'id' | 'starts_on' | 'ends_on' | 'allows_survey'>;

/** Answers are taken while the survey's phase is the open one, allows a survey, and the consultation is published. */
export function surveyIsOpen(consultation: Pick<Consultation, 'status'>, phase: PhaseDates, active: PhaseDates | null): boolean {
  return consultation.status === 'published' && active?.id === phase.id && phase.allows_survey;
}

/**
 * Results become public once the phase is over: its last day passed, the consultation closed, or staff
 * moved the consultation on to a later phase. Until then a running count could sway the answers.
 */
export function resultsArePublic(consultation: Pick<Consultation, 'status'>, phase: PhaseDates, active: PhaseDates | null, today: string): boolean {
  if (consultation.status === 'closed') return true;
  if (phase.ends_on < today) return true;
  return !!active && active.id !== phase.id && active.starts_on > phase.starts_on;
}

/**
 * The survey a consultation's pages talk about: the one asked for by phase, else the open phase's,
 * else the latest that has started, else the first one.
 */
export function pickSurvey<S extends Pick<Survey, 'phase_id'>>(surveys: S[], phases: PhaseDates[], active: PhaseDates | null, today: string, wantedPhaseId?: string): S | null {
  const ofPhase = (phaseId: string | undefined) => surveys.find((s) => s.phase_id === phaseId);
  const wanted = ofPhase(wantedPhaseId) ?? ofPhase(active?.id);
  if (wanted) return wanted;
  const started = phases.filter((p) => p.starts_on <= today && ofPhase(p.id)).sort((a, b) => b.starts_on.localeCompare(a.starts_on));
  return ofPhase(started[0]?.id) ?? surveys[0] ?? null;
}
