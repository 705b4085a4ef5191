/**
 * A JSON Schema (draft 2020-12 / draft-07 subset) describing a plugin's account settings.
 * CRM Hub adds two rules of its own:
 * - a property with `"x-secret": true` is stored encrypted, is write-only over the API and is
 *   redacted from logs;
 * - a string property with `"format": "uri"` must be an `https://` URL (the hub refuses `http://`).
 *
 * @example
 * ```ts
 * const connectionSpec: JsonSchema = {
 *   type: 'object',
 *   required: ['instanceUrl', 'clientId', 'clientSecret'],
 *   properties: {
 *     instanceUrl: { type: 'string', format: 'uri', title: 'Instance URL' },
 *     clientId: { type: 'string', minLength: 1 },
 *     clientSecret: { type: 'string', minLength: 1, 'x-secret': true },
 *     apiVersion: { type: 'string', default: '62.0' },
 *   },
 *   additionalProperties: false,
 * };
 * ```
 */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'null' | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  /** CRM Hub: the value is a secret (encrypted at rest, write-only, redacted from logs). */
  'x-secret'?: boolean;
  [keyword: string]: unknown;
}
