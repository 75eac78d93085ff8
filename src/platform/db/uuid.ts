/** Row ids are UUIDs: a value of another shape is "not found" without asking the database (which would refuse it). */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
