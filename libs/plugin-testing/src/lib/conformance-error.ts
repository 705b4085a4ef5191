/**
 * A plugin broke a rule of the contract. The message starts with the rule id (`[resume] …`, set
 * by the rule's `run`) and says what the plugin did and what the rule expects; it never holds a
 * secret of the account (the kit masks where a secret was found instead of quoting it, since test
 * output ends up in CI logs).
 *
 * @example
 * ```ts
 * import { conformanceRules, ConformanceError } from '@crm-hub/plugin-testing';
 *
 * try {
 *   await conformanceRules.find((r) => r.id === 'resume')!.run(options);
 * } catch (err) {
 *   if (err instanceof ConformanceError) console.error(`rule ${err.rule} failed: ${err.message}`);
 * }
 * ```
 */
export class ConformanceError extends Error {
  /** The id of the rule that failed (set by the rule's `run`, absent when thrown by a helper used alone). */
  rule?: string;

  constructor(message: string, options: { rule?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConformanceError';
    if (options.rule !== undefined) this.rule = options.rule;
  }
}

/**
 * Throws a {@link ConformanceError}; typed `never` so checks read as guards.
 *
 * @example
 * ```ts
 * if (!result.ok) fail(`check() refused the valid config: ${result.reason}`);
 * ```
 */
export function fail(message: string, cause?: unknown): never {
  throw new ConformanceError(message, cause === undefined ? {} : { cause });
}

/**
 * One line naming an error without its stack, for messages (`InsecureUrlError: Refused http://…`).
 *
 * @example
 * ```ts
 * fail(`check() threw ${describeError(err)}`);
 * ```
 */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `a non-Error value (${typeof err === 'string' ? JSON.stringify(err) : typeof err})`;
}
