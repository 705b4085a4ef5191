import { CrmSchemaEntity, CrmSchemaFieldEntity } from '@crm-hub/schemas';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type DataSource, In, type Repository } from 'typeorm';
import { type AccountPicklist, AccountPicklistsService } from './account-picklists.service';
import type { EnumBindingDto, EnumSyncDto } from './dto/enum-sync.dto';
import type { EnumSyncResultView } from './dto/enumeration.view';
import { EnumBindingEntity } from './enum-binding.entity';
import { mergeValues } from './enum-merge';
import { EnumerationValueEntity } from './enumeration-value.entity';
import { EnumerationEntity } from './enumeration.entity';

/**
 * Enum sync: imports CRM picklists into hub enumerations (creating them when missing), adding to
 * them or replacing their values, and remembers each binding so it can be synced again. Every
 * binding is checked against the account's picklists before anything is written; then all of them
 * are applied in one transaction.
 */
@Injectable()
export class EnumSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly picklists: AccountPicklistsService,
    @InjectRepository(EnumBindingEntity) private readonly bindings: Repository<EnumBindingEntity>,
    @InjectRepository(EnumerationEntity) private readonly enumerations: Repository<EnumerationEntity>,
  ) {}

  async sync(accountId: string, dto: EnumSyncDto): Promise<{ results: EnumSyncResultView[] }> {
    const requested = dto.bindings ?? (await this.remembered(accountId));
    const available = new Map((await this.picklists.list(accountId, true)).map((p) => [p.id, p]));
    this.check(accountId, requested, available, dto.bindings !== undefined);
    const results = await this.dataSource.transaction(async (manager) => {
      const out: EnumSyncResultView[] = [];
      for (const binding of requested) {
        const picklist = available.get(binding.enumId) as AccountPicklist;
        let enumeration = await manager.findOne(EnumerationEntity, { where: { name: binding.enumeration }, relations: { values: true } });
        const created = !enumeration;
        if (!enumeration) {
          enumeration = await manager.save(
            Object.assign(new EnumerationEntity(), { id: randomUUID(), name: binding.enumeration, label: binding.label ?? picklist.label, values: [], createdAt: new Date(), updatedAt: new Date() }),
          );
        }
        const replace = binding.replace ?? false;
        const merge = mergeValues(enumeration.id, enumeration.values ?? [], picklist.values, replace, `crm:${accountId}:${picklist.id}`);
        if (merge.removed.length) await manager.delete(EnumerationValueEntity, { id: In(merge.removed.map((v) => v.id)) });
        await manager.save(EnumerationValueEntity, merge.values);
        await manager.update(EnumerationEntity, { id: enumeration.id }, { updatedAt: new Date() });
        await this.remember(manager, accountId, picklist.id, enumeration.id, replace);
        await this.linkFields(manager, accountId, picklist.id, enumeration.id);
        out.push({ picklist: picklist.id, enumeration: enumeration.name, replace, created, added: merge.added, changed: merge.changed, removed: merge.removedValues });
      }
      return out;
    });
    return { results };
  }

  private async remembered(accountId: string): Promise<EnumBindingDto[]> {
    const bound = await this.bindings.findBy({ accountId });
    const names = new Map((await this.enumerations.findBy({ id: In(bound.map((b) => b.enumerationId)) })).map((e) => [e.id, e.name]));
    return bound.map((b) => ({ enumId: b.crmEnumId, enumeration: names.get(b.enumerationId) as string, replace: b.replace }));
  }

  private check(accountId: string, bindings: EnumBindingDto[], available: Map<string, AccountPicklist>, explicit: boolean): void {
    const errors: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    bindings.forEach((b, i) => {
      const where = explicit ? `bindings[${i}].enumId` : `binding ${b.enumId} → ${b.enumeration}`;
      if (!available.has(b.enumId)) {
        errors.push({ field: where, message: `no picklist '${b.enumId}' among the fields of this account's schemas (see GET /api/accounts/${accountId}/picklists)` });
      }
      const key = `${b.enumId}\u0000${b.enumeration}`;
      if (seen.has(key)) errors.push({ field: where, message: `'${b.enumId}' → '${b.enumeration}' is listed twice` });
      seen.add(key);
    });
    if (errors.length) throw new BadRequestException({ message: 'Some bindings cannot be synced; nothing was changed', errors });
  }

  private async remember(manager: DataSource['manager'], accountId: string, crmEnumId: string, enumerationId: string, replace: boolean): Promise<void> {
    const existing = await manager.findOneBy(EnumBindingEntity, { accountId, crmEnumId, enumerationId });
    await manager.save(
      Object.assign(existing ?? new EnumBindingEntity(), {
        id: existing?.id ?? randomUUID(),
        accountId,
        crmEnumId,
        enumerationId,
        replace,
        lastSyncedAt: new Date(),
        createdAt: existing?.createdAt ?? new Date(),
      }),
    );
  }

  /** Schema fields on this picklist now show the enumeration's labels next to their values. */
  private async linkFields(manager: DataSource['manager'], accountId: string, crmEnumId: string, enumerationId: string): Promise<void> {
    const schemaIds = (await manager.findBy(CrmSchemaEntity, { accountId })).map((s) => s.id);
    if (schemaIds.length) await manager.update(CrmSchemaFieldEntity, { schemaId: In(schemaIds), crmEnumId }, { enumerationId });
  }
}
