import { AccountsService } from '@crm-hub/accounts';
import type { CrmEnum } from '@crm-hub/plugin-sdk';
import { CrmCatalogService, CrmSchemaEntity } from '@crm-hub/schemas';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { EnumBindingEntity } from './enum-binding.entity';
import { EnumerationEntity } from './enumeration.entity';

/** A CRM picklist of an account, where its schemas use it, and the enumerations it feeds. */
export interface AccountPicklist extends CrmEnum {
  usedBy: { object: string; field: string }[];
  boundTo: string[];
}

/** The picklists and option sets behind the fields of an account's schemas. */
@Injectable()
export class AccountPicklistsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly catalog: CrmCatalogService,
    @InjectRepository(CrmSchemaEntity) private readonly schemas: Repository<CrmSchemaEntity>,
    @InjectRepository(EnumBindingEntity) private readonly bindings: Repository<EnumBindingEntity>,
    @InjectRepository(EnumerationEntity) private readonly enumerations: Repository<EnumerationEntity>,
  ) {}

  async list(accountId: string, refresh = false): Promise<AccountPicklist[]> {
    await this.accounts.findEntity(accountId);
    const schemas = await this.schemas.find({ where: { accountId }, relations: { fields: true }, order: { objectName: 'ASC' } });
    if (schemas.length === 0) return [];
    const described = await this.catalog.describeMany(accountId, schemas.map((s) => s.objectName), refresh);
    const picklists = new Map<string, AccountPicklist>();
    described.forEach(({ object, enums }, i) => {
      const schema = schemas[i] as CrmSchemaEntity;
      for (const field of object.fields) {
        const stored = schema.fields.find((f) => f.fieldName === field.name && f.active);
        const crmEnum = field.enumId ? enums.find((e) => e.id === field.enumId) : undefined;
        if (!stored || !crmEnum) continue;
        const entry = picklists.get(crmEnum.id) ?? { ...crmEnum, usedBy: [], boundTo: [] };
        entry.usedBy.push({ object: object.name, field: field.name });
        picklists.set(crmEnum.id, entry);
      }
    });
    const bound = await this.bindings.findBy({ accountId });
    const names = new Map((await this.enumerations.findBy({ id: In(bound.map((b) => b.enumerationId)) })).map((e) => [e.id, e.name]));
    for (const b of bound) picklists.get(b.crmEnumId)?.boundTo.push(names.get(b.enumerationId) ?? b.enumerationId);
    return [...picklists.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
