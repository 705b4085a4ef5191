import { PluginRegistry } from '@crm-hub/plugin-registry';
import type { CheckResult } from '@crm-hub/plugin-sdk';
import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options';
import { AccountsService } from './accounts.service';
import { ConnectorSessions, type ConnectorSession } from './connectors/connector-sessions.service';
import { describeFailure } from './connectors/describe-failure';
import type { CheckResultView } from './dto/account.view';
import { ExternalAccountEntity } from './external-account.entity';
import { SecretRedactor } from './secrets/secret-redactor';

/**
 * "Test connection": runs the plugin's `check()` against the CRM within a time limit, and records
 * the outcome on the account. A failure is an answer (ok: false with a reason), not an error.
 */
@Injectable()
export class AccountCheckService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
    @InjectRepository(ExternalAccountEntity) private readonly accounts: Repository<ExternalAccountEntity>,
    private readonly accountsService: AccountsService,
    private readonly registry: PluginRegistry,
    private readonly sessions: ConnectorSessions,
    private readonly redactor: SecretRedactor,
  ) {}

  async check(id: string): Promise<CheckResultView> {
    const account = await this.accountsService.findEntity(id);
    if (!this.registry.get(account.pluginId)) {
      throw new ConflictException(
        `Account '${account.name}' cannot be checked: plugin '${account.pluginId}' is not available (see GET /api/plugins)`,
      );
    }
    const started = Date.now();
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error(`The CRM did not answer within ${this.options.checkTimeoutMs} ms`)),
      this.options.checkTimeoutMs,
    );
    let session: ConnectorSession | undefined;
    let result: CheckResult;
    try {
      session = await this.sessions.open(account, { signal: timeout.signal });
      result = await Promise.race([session.connector.check(), rejectOnAbort(timeout.signal)]);
      if (!isCheckResult(result)) result = { ok: false, reason: 'The plugin answered check() with something else than {ok, …}' };
    } catch (err) {
      result = { ok: false, reason: describeFailure(timeout.signal.aborted ? timeout.signal.reason : err) };
    } finally {
      clearTimeout(timer);
      await session?.close();
    }
    const durationMs = Date.now() - started;
    const checkedAt = new Date();
    const reason = result.ok ? undefined : this.redactor.redact(result.reason || 'The plugin gave no reason');
    await this.accounts.update(
      { id },
      { lastCheckStatus: result.ok ? 'ok' : 'failed', lastCheckAt: checkedAt, lastCheckReason: reason ?? null, lastCheckDurationMs: durationMs },
    );
    this.logger.log(`Checked account '${account.name}': ${result.ok ? 'ok' : `failed — ${reason}`} (${durationMs} ms)`);
    return {
      ok: result.ok,
      ...(reason ? { reason } : {}),
      ...(result.ok && result.details ? { details: this.redactor.redactValue(result.details) } : {}),
      checkedAt: checkedAt.toISOString(),
      durationMs,
      apiCalls: session?.meter.total ?? 0,
    };
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

function isCheckResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
