import type { ColumnType } from 'kysely';

// How the modules' table interfaces spell common column kinds (read type, insert type, update type).

/** A jsonb column: read parsed, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A jsonb column with a default: may be left out on insert. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
/** A timestamptz column with a default (usually now()). */
export type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type MaybeStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** PostgreSQL `date` columns are read as YYYY-MM-DD strings (see the db type parsers). */
export type DateOnly = ColumnType<string, string, string>;
export type MaybeDate = ColumnType<string | null, string | null | undefined, string | null>;
/** A nullable `numeric` column: read as a string (the driver keeps its precision), written from a number or string. */
export type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
