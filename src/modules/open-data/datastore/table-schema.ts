/** Field types an imported table can hold (a subset of Table Schema v2 types, each with its own column type). */
export const datastoreFieldTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime'] as const;
export type DatastoreFieldType = (typeof datastoreFieldTypes)[number];

/**
 * One column of an imported table, described in Table Schema v2 terms, so the same object is published in
 * `datapackage.json` and tells the loader how to read the source: `decimalChar`/`groupChar` for "1 234,50",
 * `format` for dates ("%d/%m/%Y").
 */
export interface DatastoreField {
  name: string;
  title?: string;
  description?: string;
  type: DatastoreFieldType;
  format?: string;
  decimalChar?: string;
  groupChar?: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean };
}

export interface DatastoreSchema {
  fields: DatastoreField[];
  /** Source values read as "no value" (Table Schema default: [""]). */
  missingValues: string[];
}

export const postgresColumnType: Record<DatastoreFieldType, string> = {
  string: 'text',
  integer: 'bigint',
  // numeric, not double precision: budget figures must come back exactly as written.
  number: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};
