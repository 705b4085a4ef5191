import { type ConnectionSpecValidator, PluginRegistry } from '@crm-hub/plugin-registry';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AccountUsageRegistry } from './account-usage.registry';
import { applyConfigPatch, splitSecrets, toAccountView } from './account-views';
import type { AccountView } from './dto/account.view';
import type { CreateAccountDto } from './dto/create-account.dto';
import type { UpdateAccountDto } from './dto/update-account.dto';
import { ExternalAccountEntity } from './external-account.entity';
import { AccountSecretsService } from './secrets/account-secrets.service';

/**
 * External accounts: create, read, change and delete CRM connections. Every input is checked
 * (plugin installed, settings valid against its connectionSpec, https only, unique name) before
 * anything is written.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(ExternalAccountEntity) private readonly accounts: Repository<ExternalAccountEntity>,
    private readonly registry: PluginRegistry,
    private readonly secrets: AccountSecretsService,
    private readonly usage: AccountUsageRegistry,
  ) {}

  async list(): Promise<AccountView[]> {
    const all = await this.accounts.find({ order: { name: 'ASC' } });
    return all.map((a) => this.view(a));
  }

  async get(id: string): Promise<AccountView> {
    return this.view(await this.findEntity(id));
  }

  /** The stored account (for features that open connectors on it); 404 when missing. */
  async findEntity(id: string): Promise<ExternalAccountEntity> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw new NotFoundException(`No account has id '${id}'`);
    return account;
  }

  async create(dto: CreateAccountDto): Promise<AccountView> {
    const validator = this.validatorIfAvailable(dto.pluginId);
    if (!validator) {
      throw new BadRequestException({
        message: 'The account names a plugin that is not installed',
        errors: [{ field: 'pluginId', message: this.unknownPluginMessage(dto.pluginId) }],
      });
    }
    const config = this.validateConfig(dto.pluginId, dto.config);
    const name = dto.name.trim();
    await this.assertNameFree(name);
    const id = randomUUID();
    const { settings, secrets } = splitSecrets(config, validator.secretKeys);
    const now = new Date();
    const account = this.accounts.create({
      id,
      name,
      pluginId: dto.pluginId,
      settings,
      sealedSecrets: this.secrets.seal(id, secrets),
      lastCheckStatus: null,
      lastCheckAt: null,
      lastCheckReason: null,
      lastCheckDurationMs: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.saveUnique(account);
    return this.view(account);
  }

  /**
   * Changes what the PATCH sends. A PATCH that changes nothing (no field, or the current values)
   * writes nothing: `updatedAt` and the last check stay, and the unchanged account is answered.
   */
  async update(id: string, dto: UpdateAccountDto): Promise<AccountView> {
    const account = await this.findEntity(id);
    let changed = false;
    if (dto.config !== undefined) {
      const validator = this.validatorIfAvailable(account.pluginId);
      if (!validator) {
        throw new ConflictException(
          `The settings of account '${account.name}' cannot be changed: ${this.unknownPluginMessage(account.pluginId)}`,
        );
      }
      const currentSecrets = this.secrets.unseal(account);
      const config = this.validateConfig(account.pluginId, applyConfigPatch({ ...account.settings, ...currentSecrets }, dto.config));
      const { settings, secrets } = splitSecrets(config, validator.secretKeys);
      if (!sameJson(settings, account.settings) || !sameJson(secrets, currentSecrets)) {
        changed = true;
        account.settings = settings;
        account.sealedSecrets = this.secrets.seal(account.id, secrets);
        // The last check tested other settings.
        account.lastCheckStatus = null;
        account.lastCheckAt = null;
        account.lastCheckReason = null;
        account.lastCheckDurationMs = null;
      }
    }
    if (dto.name !== undefined && dto.name.trim() !== account.name) {
      await this.assertNameFree(dto.name.trim());
      account.name = dto.name.trim();
      changed = true;
    }
    if (!changed) return this.view(account);
    account.updatedAt = new Date();
    await this.saveUnique(account);
    return this.view(account);
  }

  async remove(id: string): Promise<void> {
    const account = await this.findEntity(id);
    const users = await this.usage.usersOf(id);
    if (users.length > 0) {
      throw new ConflictException(
        `Account '${account.name}' is still used by ${users.join(', ')}: delete those first or point them to another account`,
      );
    }
    await this.accounts.delete({ id });
  }

  /**
   * Which settings of a request's `config` are secrets, by the connection spec of the plugin it
   * names (`pluginId`) or of the account's; undefined when that plugin is unknown.
   */
  async secretSettings(config: { pluginId?: unknown }, accountId: string | undefined): Promise<string[] | undefined> {
    const pluginId = typeof config.pluginId === 'string' ? config.pluginId : accountId ? (await this.accounts.findOneBy({ id: accountId }))?.pluginId : undefined;
    const keys = pluginId ? this.validatorIfAvailable(pluginId)?.secretKeys : undefined;
    return keys ? [...keys] : undefined;
  }

  private view(account: ExternalAccountEntity): AccountView {
    return toAccountView(account, this.validatorIfAvailable(account.pluginId)?.secretKeys);
  }

  private validatorIfAvailable(pluginId: string): ConnectionSpecValidator | undefined {
    return this.registry.get(pluginId) ? this.registry.validatorFor(pluginId) : undefined;
  }

  private validateConfig(pluginId: string, config: Record<string, unknown>): Record<string, unknown> {
    const { value, problems } = this.registry.validatorFor(pluginId).validate(config);
    if (problems.length > 0) {
      throw new BadRequestException({
        message: `The settings do not match what plugin '${pluginId}' needs (see GET /api/plugins/${pluginId})`,
        errors: problems,
      });
    }
    return value;
  }

  private unknownPluginMessage(pluginId: string): string {
    const refusal = this.registry.refusalReason(pluginId);
    if (refusal) return `plugin '${pluginId}' was refused: ${refusal}`;
    const installed = this.registry.list().map((p) => p.id);
    return `no installed plugin has id '${pluginId}' (installed: ${installed.join(', ') || 'none'}; see GET /api/plugins)`;
  }

  private async assertNameFree(name: string): Promise<void> {
    const existing = await this.accounts.findOneBy({ name });
    if (existing) throw new ConflictException(`An account named '${name}' already exists (id ${existing.id}); choose another name`);
  }

  private async saveUnique(account: ExternalAccountEntity): Promise<void> {
    try {
      await this.accounts.save(account);
    } catch (err) {
      // Two requests racing for one name: the unique index decides.
      if (/unique/i.test((err as Error).message)) {
        throw new ConflictException(`An account named '${account.name}' already exists; choose another name`);
      }
      throw err;
    }
  }
}

/** Whether two settings objects hold the same values, whatever the order of their keys. */
function sameJson(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}
