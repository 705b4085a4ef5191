import type { CrmConnector, CrmObject, ReadRequest, SyncMessage } from '@crm-hub/plugin-sdk';
import { collect } from './collect';
import { resolveOptions, type ConformanceOptions, type ConformanceRule, type ResolvedConformanceOptions } from './conformance-options';
import { ConformanceError, describeError, fail } from './conformance-error';
import { SecretScanner, secretSettings } from './secret-scanner';
import { describeRead, messageProblem } from './sync-messages';
import { createTestContext, type TestContext } from './test-context';

/**
 * A connector the session opened, with the fake host context it was given.
 *
 * @example
 * ```ts
 * const { connector, test } = await session.open();
 * ```
 */
export interface OpenConnector {
  connector: CrmConnector;
  test: TestContext;
}

/**
 * The outcome of a plugin call that may legitimately reject.
 *
 * @example
 * ```ts
 * const outcome = await session.attempt('check()', () => connector.check());
 * if (!outcome.ok && outcome.error instanceof InsecureUrlError) { … }
 * ```
 */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Everything one rule run needs: it opens connectors on fake host contexts, labels and times out
 * plugin calls, checks every message and error for well-formedness and secrets, and at the end
 * disposes every connector and searches every captured log line for secrets. Going through it is
 * how "no secret anywhere" is checked throughout every rule.
 *
 * @example
 * ```ts
 * await runInSession(options, async (session) => {
 *   const { connector } = await session.open();
 *   const messages = await session.read(connector, { object: 'Contact', fields: [] });
 * });
 * ```
 */
export class RuleSession {
  /** Finds the account's secrets (of both configs) in anything the plugin produced. */
  readonly scanner: SecretScanner;
  private readonly contexts: TestContext[] = [];
  private readonly connectors: CrmConnector[] = [];

  constructor(readonly options: ResolvedConformanceOptions) {
    const spec = options.plugin.manifest?.connectionSpec ?? {}; // a broken manifest is the manifest rule's verdict
    this.scanner = new SecretScanner([...secretSettings(spec, options.config), ...secretSettings(spec, options.refusedConfig)]);
  }

  /** A fake host context whose logs are searched for secrets when the session closes. */
  newContext(config: Record<string, unknown> = this.options.config): TestContext {
    const test = createTestContext({ config, accountId: 'conformance' });
    this.contexts.push(test);
    return test;
  }

  /** Makes sure the session disposes the connector when it closes. */
  track(connector: CrmConnector): CrmConnector {
    this.connectors.push(connector);
    return connector;
  }

  /** Creates a connector on a new context (with `config`, default the valid one). */
  async open(config: Record<string, unknown> = this.options.config): Promise<OpenConnector> {
    const test = this.newContext(config);
    const connector = await this.call('plugin.createConnector()', () => this.options.plugin.createConnector(test.ctx));
    if (typeof connector !== 'object' || connector === null)
      fail(`plugin.createConnector() resolved to ${String(connector)}, not a connector`);
    return { connector: this.track(connector), test };
  }

  /** Runs a plugin call with a time limit; its error is searched for secrets and returned, not thrown. */
  async attempt<T>(what: string, fn: () => T | Promise<T>): Promise<Attempt<T>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConformanceError(`${what} did not settle within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      return { ok: true, value: await Promise.race([Promise.resolve().then(fn), timeout]) };
    } catch (error) {
      if (error instanceof ConformanceError) throw error;
      this.scanner.scan(`the error thrown by ${what}`, error);
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a plugin call that must succeed; a rejection becomes a ConformanceError naming the call. */
  async call<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
    const outcome = await this.attempt(what, fn);
    if (!outcome.ok) fail(`${what} threw ${describeError(outcome.error)}`, outcome.error);
    return outcome.value;
  }

  /**
   * Reads to completion (or until `until` matches), checking every message: well-formed, flat
   * checkpoints, no secret.
   */
  async read(
    connector: CrmConnector,
    req: ReadRequest,
    options: { until?: (msg: SyncMessage, seen: readonly SyncMessage[]) => boolean; label?: string } = {},
  ): Promise<SyncMessage[]> {
    const what = options.label ?? describeRead(req);
    const source = await this.call(what, () => connector.read(req));
    let messages: SyncMessage[];
    try {
      messages = await collect(source, {
        timeoutMs: this.options.timeoutMs,
        ...(options.until ? { until: options.until } : {}),
      });
    } catch (err) {
      if (err instanceof ConformanceError) fail(`${what}: ${err.message}`);
      this.scanner.scan(`the error of ${what}`, err);
      fail(`${what} failed with ${describeError(err)}`, err);
    }
    this.inspect(what, req.object, messages);
    return messages;
  }

  /** Checks messages of a stream over `object`: well-formed and free of secrets (`firstIndex`: the position of the first in its stream). */
  inspect(what: string, object: string, messages: readonly SyncMessage[], firstIndex = 0): void {
    messages.forEach((msg, i) => {
      const where = `message #${firstIndex + i + 1} (${msg?.kind}) of ${what}`;
      this.scanner.scan(where, msg);
      const problem = messageProblem(msg, object);
      if (problem) fail(`${where}: ${problem}`);
    });
  }

  /** `discover({ objects: [object] })` and the object it describes (failing when it is missing). */
  async describeObject(connector: CrmConnector): Promise<CrmObject> {
    const { object } = this.options;
    const catalog = await this.call(`discover({ objects: ['${object}'] })`, () => connector.discover({ objects: [object] }));
    this.scanner.scan('the catalog', catalog);
    const found = catalog?.objects?.find?.((o) => o?.name === object);
    if (!found) fail(`discover({ objects: ['${object}'] }) did not describe '${object}'`);
    if (!Array.isArray(found.fields)) fail(`discover() described '${object}' without a fields array`);
    return found;
  }

  /** Disposes every connector and searches every log line for secrets. */
  async close(): Promise<void> {
    const problems: unknown[] = [];
    for (const connector of this.connectors) {
      try {
        const outcome = await this.attempt('dispose()', () => connector.dispose());
        if (!outcome.ok) problems.push(new ConformanceError(`dispose() threw ${describeError(outcome.error)}`));
      } catch (err) {
        problems.push(err);
      }
    }
    this.contexts.forEach((test, c) =>
      test.logs.forEach((line, i) => this.scanner.scan(`log line #${i + 1} (${line.level}) of connector #${c + 1}`, line)),
    );
    if (problems.length) throw problems[0];
  }
}

/**
 * Runs `body` in a new {@link RuleSession} and always closes it; the body's failure wins over the
 * session's (which are then secondary).
 *
 * @example
 * ```ts
 * await runInSession(resolveOptions(options), async (session) => { … });
 * ```
 */
export async function runInSession(options: ResolvedConformanceOptions, body: (session: RuleSession) => Promise<void>): Promise<void> {
  const session = new RuleSession(options);
  let failure: unknown;
  try {
    await body(session);
  } catch (err) {
    failure = err;
  }
  try {
    await session.close();
  } catch (err) {
    failure ??= err;
  }
  if (failure !== undefined) throw failure;
}

/** Sets the error's rule and starts its message (and stack) with `[id]`, once. */
function tagged(error: ConformanceError, id: string): ConformanceError {
  error.rule = id;
  const tag = `[${id}] `;
  if (!error.message.startsWith(tag)) {
    const message = tag + error.message;
    if (typeof error.stack === 'string') error.stack = error.stack.replace(error.message, () => message);
    error.message = message;
  }
  return error;
}

/**
 * Makes a {@link ConformanceRule}: resolves the options, runs the body in a session and turns
 * every failure into a ConformanceError carrying the rule id (in `rule`, and at the start of its
 * message: `[writes] …`).
 *
 * @example
 * ```ts
 * export const checkRule = defineRule('check', 'answers check() …', async (session) => { … });
 * ```
 */
export function defineRule(id: string, title: string, body: (session: RuleSession) => Promise<void>): ConformanceRule {
  return Object.freeze({
    id,
    title,
    async run(options: ConformanceOptions): Promise<void> {
      const resolved = resolveOptions(options);
      try {
        await runInSession(resolved, body);
      } catch (err) {
        const error =
          err instanceof ConformanceError
            ? err
            : new ConformanceError(`failed outside the plugin's calls (in the ConformanceCrm handle, or the kit): ${describeError(err)}`, {
                cause: err,
              });
        throw tagged(error, id);
      }
    },
  });
}
