import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { walkSchema } from './json-schema-walk';

/**
 * The one Ajv instance that compiles connection specs, configured here only:
 * - strict about the schema itself (unknown keywords, ignored keywords…), so a typo in a vendor's
 *   schema is refused at start-up instead of silently ignored; but not `strictRequired` nor
 *   `strictTypes`, which reject valid, common JSON Schema such as `if/then: {required: [...]}` or a
 *   `oneOf` of required sets (settings needed by one auth flow only);
 * - union types allowed (`type: ['string', 'null']`), which the SDK's JsonSchema type permits;
 * - all errors, so an operator fixes every field in one go;
 * - defaults applied (the validator hands Ajv a copy, never the caller's object).
 */
let shared: Ajv | undefined;

function connectionSpecAjv(): Ajv {
  if (shared === undefined) {
    shared = new Ajv({ strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, allErrors: true, useDefaults: true });
    addFormats(shared);
  }
  return shared;
}

/**
 * Compiles a JSON Schema, first registering every `x-…` keyword it uses as an annotation (no
 * validation), so vendors can annotate their specs (`x-secret`, `x-order`…) under strict mode.
 * Throws Ajv's error when the schema does not compile.
 */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const ajv = connectionSpecAjv();
  walkSchema(schema, (node) => {
    for (const keyword of Object.keys(node)) {
      if (keyword.startsWith('x-') && ajv.getKeyword(keyword) === false) ajv.addKeyword({ keyword });
    }
  });
  return ajv.compile(schema);
}
