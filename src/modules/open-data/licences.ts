/** The licences a dataset may carry; ids follow CKAN's licence list so harvesters map them without a table. */
export interface Licence {
  id: string;
  title: string;
  url: string;
  /** Open Definition conformant (all of ours are; kept for the CKAN `license_list` shape and quality checks). */
  odConformance: 'approved' | 'not reviewed';
}

export const licences: readonly Licence[] = [
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', odConformance: 'approved' },
  { id: 'cc-by', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', odConformance: 'approved' },
  { id: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/', odConformance: 'approved' },
  { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/', odConformance: 'approved' },
];

/** What module datasets carry unless the commune chooses otherwise. */
export const defaultLicenceId = 'odc-odbl';

export const licenceById = (id: string): Licence | undefined => licences.find((licence) => licence.id === id);
