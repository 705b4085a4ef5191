import type { CrmConnector } from '@crm-hub/plugin-sdk';
import type { SecretRedactor } from '../secrets/secret-redactor';

/**
 * The connector as the host's features see it: what `check`, `discover` and `write` answer, and
 * the messages of what they throw, pass through the redactor before the host logs, stores or
 * returns any of it. `read` and `changes` are handed over as they are: their records are the CRM's
 * data (not host output), and wrapping them would lose the paced stream's async iteration.
 */
export function redactingConnector(connector: CrmConnector, redactor: SecretRedactor): CrmConnector {
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return redactor.redactValue(await call());
    } catch (err) {
      throw redactError(err, redactor);
    }
  };
  return {
    check: () => guard(() => connector.check()),
    discover: (...args: Parameters<CrmConnector['discover']>) => guard(() => connector.discover(...args)),
    write: (...args: Parameters<CrmConnector['write']>) => guard(() => connector.write(...args)),
    read: (...args: Parameters<CrmConnector['read']>) => connector.read(...args),
    changes: (...args: Parameters<CrmConnector['changes']>) => connector.changes(...args),
    dispose: () => connector.dispose(),
  };
}

/** Masks secrets in an error's message and stack, keeping its class (features tell failures apart by it). */
export function redactError(err: unknown, redactor: SecretRedactor): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? redactor.redact(err) : err;
  try {
    err.message = redactor.redact(err.message);
    if (err.stack) err.stack = redactor.redact(err.stack);
  } catch {
    // A frozen error: describe-failure and the log redact its text again anyway.
  }
  return err;
}
