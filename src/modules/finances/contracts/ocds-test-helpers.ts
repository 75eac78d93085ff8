import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validators for the official OCDS 1.1.5 package schemas (copied in ./schemas). They are JSON Schema draft-04;
 * Ajv 8 reads them once the draft-04 `id` keyword is renamed `$id` (the only draft-04-only keyword they use).
 */
function loadSchema(file: string): Record<string, unknown> {
  const { id, $schema: _draft, ...schema } = JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return { $id: id, ...schema };
}

function ocdsAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(loadSchema('release-schema.json'));
  // Record packages may embed versioned releases; Palabre never does, so that schema is not needed.
  ajv.addSchema({ $id: 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json', not: {} });
  return ajv;
}

const ajv = ocdsAjv();
export const validateReleasePackage: ValidateFunction = ajv.compile(loadSchema('release-package-schema.json'));
export const validateRecordPackage: ValidateFunction = ajv.compile(loadSchema('record-package-schema.json'));

/** Ajv's errors, readable in a test failure. */
export const schemaErrors = (validate: ValidateFunction) => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
