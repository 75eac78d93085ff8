/** The workflow of an access-to-information request; "overdue" is not stored, it is read from the due date. */
export const informationStatuses = ['submitted', 'acknowledged', 'clarification', 'extended', 'answered_full', 'answered_part', 'refused', 'appealed'] as const;
export type InformationStatus = (typeof informationStatuses)[number];

export const informationStatusKeys: Record<InformationStatus, string> = {
  submitted: 'requests.ati.status.submitted',
  acknowledged: 'requests.ati.status.acknowledged',
  clarification: 'requests.ati.status.clarification',
  extended: 'requests.ati.status.extended',
  answered_full: 'requests.ati.status.answered_full',
  answered_part: 'requests.ati.status.answered_part',
  refused: 'requests.ati.status.refused',
  appealed: 'requests.ati.status.appealed',
};

export const isInformationStatus = (value: string): value is InformationStatus => (informationStatuses as readonly string[]).includes(value);
