import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** The official Data Package 2.0 profile (JSON Schema draft-07), copied into test/schemas/ (see its README). */
const profile = JSON.parse(readFileSync(new URL('../../../../../test/schemas/datapackage-2.0/datapackage.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// The profiles mark long texts with a UI hint format, not a validation one.
ajv.addFormat('textarea', true);
export const validateDataPackage = ajv.compile(profile);
