/** The ten COFOG divisions (UN Classification of the Functions of Government), by code. */
export const cofogDivisionKeys = {
  '01': 'finances.pages.cofog_01',
  '02': 'finances.pages.cofog_02',
  '03': 'finances.pages.cofog_03',
  '04': 'finances.pages.cofog_04',
  '05': 'finances.pages.cofog_05',
  '06': 'finances.pages.cofog_06',
  '07': 'finances.pages.cofog_07',
  '08': 'finances.pages.cofog_08',
  '09': 'finances.pages.cofog_09',
  '10': 'finances.pages.cofog_10',
} as const;

export type CofogDivision = keyof typeof cofogDivisionKeys;

/** "06.3" (a group) and "06" (a division) both belong to division "06"; anything else to none. */
export function cofogDivisionOf(cofogCode: string | null | undefined): CofogDivision | null {
  const division = (cofogCode ?? '').split('.')[0] ?? '';
  return division in cofogDivisionKeys ? (division as CofogDivision) : null;
}
