export { openDataModule } from './manifest.js';
// Reading the communes' spreadsheets (encodings, delimiters, French numbers) serves other modules' imports too.
export { readTabularFile, tabularKindOfFilename } from './import/tabular-file.js';
export type { SourceRow, TabularKind } from './import/read.js';
export { normaliseNumber, numberFormats, type NumberFormat } from './import/infer.js';
export { type CatalogueFigures, catalogueFigures } from './scorecard-figures.js';
