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
