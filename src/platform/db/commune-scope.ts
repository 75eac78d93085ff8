import { type Kysely, type SelectQueryBuilder, type UpdateQueryBuilder, type DeleteQueryBuilder, type InsertObject, type InsertQueryBuilder, type InsertResult, type UpdateResult, type DeleteResult, sql } from 'kysely';

/** Names of the tables that carry a commune_id column. */
export type CommuneScopedTable<DB> = {
  [T in keyof DB & string]: DB[T] extends { commune_id: unknown } ? T : never;
}[keyof DB & string];

/**
 * The one way modules read and write commune-scoped rows: every query it builds is already filtered
 * on commune_id, and every insert gets it set, so forgetting the scope takes deliberate effort.
 */
export interface CommuneScope<DB> {
  readonly communeId: string;
  selectFrom<T extends CommuneScopedTable<DB>>(table: T): SelectQueryBuilder<DB, T, object>;
  insertInto<T extends CommuneScopedTable<DB>>(
    table: T,
    values: Omit<InsertObject<DB, T>, 'commune_id'> | Omit<InsertObject<DB, T>, 'commune_id'>[],
  ): InsertQueryBuilder<DB, T, InsertResult>;
  updateTable<T extends CommuneScopedTable<DB>>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult>;
  deleteFrom<T extends CommuneScopedTable<DB>>(table: T): DeleteQueryBuilder<DB, T, DeleteResult>;
}

export function communeScope<DB>(db: Kysely<DB>, communeId: string): CommuneScope<DB> {
  // Kysely's generics cannot follow a table name chosen by a type parameter, hence the untyped handle here.
  const untyped = db as unknown as Kysely<any>;
  const ownRows = (table: string) => sql.ref(`${table}.commune_id`);
  return {
    communeId,
    selectFrom: (table) =>
      untyped.selectFrom(table as string).where(ownRows(table), '=', communeId) as never,
    insertInto: (table, values) => {
      const rows = (Array.isArray(values) ? values : [values]).map((row) => ({ ...row, commune_id: communeId }));
      return untyped.insertInto(table as string).values(rows as never) as never;
    },
    updateTable: (table) => untyped.updateTable(table as string).where(ownRows(table), '=', communeId) as never,
    deleteFrom: (table) => untyped.deleteFrom(table as string).where(ownRows(table), '=', communeId) as never,
  };
}
