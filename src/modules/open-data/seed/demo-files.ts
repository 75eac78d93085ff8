/**
 * Demo files as a commune's finance office would export them from a spreadsheet: semicolons, decimal commas,
 * spaces between thousands, day/month/year dates, Windows-1252 for the French one (what Excel writes there).
 */
const budgetLines: [string, string, string, number, number, number][] = [
  ['Fonctionnement', '6011', 'Salaires du personnel communal', 182_400_000, 136_800_000, 136_800_000],
  ['Fonctionnement', '6052', 'Électricité et éclairage public', 24_000_000, 19_250_500, 17_900_000],
  ['Fonctionnement', '6053', 'Eau des bâtiments communaux', 6_500_000, 4_120_750, 4_120_750],
  ['Fonctionnement', '6231', 'Entretien des écoles élémentaires', 18_000_000, 11_400_000, 9_250_000],
  ['Fonctionnement', '6232', 'Entretien des postes de santé', 12_500_000, 8_730_000, 8_730_000],
  ['Fonctionnement', '6241', 'Collecte des déchets ménagers', 45_000_000, 33_750_000, 30_000_000],
  ['Fonctionnement', '6281', 'État civil : registres et imprimés', 3_200_000, 2_980_000, 2_980_000],
  ['Fonctionnement', '6571', 'Subventions aux associations de quartier', 9_000_000, 4_500_000, 4_500_000],
  ['Investissement', '2131', 'Réhabilitation du marché central', 150_000_000, 62_000_000, 41_500_000],
  ['Investissement', '2135', 'Salles de classe à Guet Ndar', 96_000_000, 96_000_000, 58_300_000],
  ['Investissement', '2151', 'Pavage de la rue de Pikine', 72_500_000, 18_125_000, 0],
  ['Investissement', '2152', 'Forage et bornes-fontaines à Sor', 38_000_000, 38_000_000, 38_000_000],
  ['Investissement', '2183', 'Matériel informatique de l’état civil', 7_800_000, 7_650_000, 7_650_000],
  ['Investissement', '2188', 'Budget participatif : projets lauréats', 60_000_000, 21_000_000, 12_400_000],
];

/** "1 234 567,50": the narrow no-break space is what French spreadsheets print between thousands. */
const frenchAmount = (value: number) => value.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function budgetExecutionCsv(updatedOn: string): Buffer {
  const header = 'Section;Article;Libellé;Prévu (FCFA);Engagé (FCFA);Mandaté (FCFA);Mis à jour le';
  const rows = budgetLines.map(([section, article, label, planned, committed, paid]) =>
    [section, article, label, frenchAmount(planned), frenchAmount(committed), frenchAmount(paid), updatedOn].join(';'));
  // Windows-1252 has no narrow no-break space: Excel writes a plain no-break space there.
  const text = [header, ...rows].join('\r\n').replaceAll('\u202f', '\u00a0').replaceAll('’', "'");
  return Buffer.from(text, 'latin1');
}

const facilities: [string, string, string, number, number][] = [
  ['Dar Chabab', 'Maison des jeunes', 'Centre', 29.6974, -9.7316],
  ['Souk Lkhamis', 'Marché hebdomadaire', 'Idzekri', 29.7051, -9.7267],
  ['Centre de santé urbain', 'Santé', 'Centre', 29.6989, -9.7301],
  ['École Al Massira', 'École primaire', 'Tafoukt', 29.6912, -9.7388],
  ['Bibliothèque municipale', 'Culture', 'Centre', 29.6981, -9.7322],
  ['Terrain de proximité', 'Sport', 'Lmazar', 29.7103, -9.7214],
];

export function facilitiesCsv(): Buffer {
  const header = 'Nom,Type,Quartier,Latitude,Longitude';
  return Buffer.from([header, ...facilities.map((row) => row.join(','))].join('\n'), 'utf8');
}
