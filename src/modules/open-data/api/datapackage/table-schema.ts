/** The Table Schema field types a module export's values can take. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'object' | 'array';

export interface TableField {
  name: string;
  type: FieldType;
  constraints?: { required: true };
}

export interface TableSchema {
  $schema: string;
  fields: TableField[];
  missingValues: string[];
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isMissing = (value: unknown) => value === null || value === undefined || value === '';

/** The type of one value as the CSV export writes it (dates as ISO 8601 text). */
function typeOfValue(value: unknown): FieldType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (value instanceof Date) return 'datetime';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  const text = String(value);
  if (isoDate.test(text)) return 'date';
  return isoDateTime.test(text) ? 'datetime' : 'string';
}

/** Two types seen in one column: integers widen to numbers, anything else mixed is text. */
function widen(a: FieldType, b: FieldType): FieldType {
  if (a === b) return a;
  const numeric = new Set<FieldType>(['integer', 'number']);
  return numeric.has(a) && numeric.has(b) ? 'number' : 'string';
}

/**
 * A Table Schema inferred from the rows themselves: one field per column in order of first appearance, the
 * narrowest type every present value fits, and `required` when no row leaves the column empty.
 */
export function inferTableSchema(rows: Record<string, unknown>[]): TableSchema {
  const columns = new Map<string, { type: FieldType | null; missing: boolean }>();
  for (const row of rows) {
    for (const name of Object.keys(row)) if (!columns.has(name)) columns.set(name, { type: null, missing: false });
  }
  for (const row of rows) {
    for (const [name, column] of columns) {
      const value = row[name];
      if (isMissing(value)) column.missing = true;
      else column.type = column.type ? widen(column.type, typeOfValue(value)) : typeOfValue(value);
    }
  }
  const fields = [...columns].map(([name, column]): TableField => ({
    name,
    type: column.type ?? 'string',
    ...(column.missing ? {} : { constraints: { required: true as const } }),
  }));
  return { $schema: 'https://datapackage.org/profiles/2.0/tableschema.json', fields, missingValues: [''] };
}
