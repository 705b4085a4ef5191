import { EnumerationDirectory } from '@crm-hub/schemas';
import { Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { EnumerationView } from './dto/enumeration.view';
import { EnumBindingEntity } from './enum-binding.entity';
import { EnumerationValueEntity } from './enumeration-value.entity';
import { EnumerationEntity } from './enumeration.entity';

/** Hub enumerations, and the names and labels schemas show next to enum values. */
@Injectable()
export class EnumerationsService implements OnModuleInit {
  constructor(
    @InjectRepository(EnumerationEntity) private readonly enumerations: Repository<EnumerationEntity>,
    @InjectRepository(EnumerationValueEntity) private readonly values: Repository<EnumerationValueEntity>,
    @InjectRepository(EnumBindingEntity) private readonly bindings: Repository<EnumBindingEntity>,
    private readonly directory: EnumerationDirectory,
  ) {}

  onModuleInit(): void {
    this.directory.register({
      names: async (ids) => new Map((await this.enumerations.findBy({ id: In(ids) })).map((e) => [e.id, e.name])),
      labels: async (ids) => {
        const result = new Map<string, Map<string, string>>();
        for (const v of await this.values.findBy({ enumerationId: In(ids) })) {
          const labels = result.get(v.enumerationId) ?? new Map<string, string>();
          labels.set(v.value, v.label);
          result.set(v.enumerationId, labels);
        }
        return result;
      },
    });
  }

  async list(): Promise<EnumerationView[]> {
    const all = await this.enumerations.find({ relations: { values: true }, order: { name: 'ASC' } });
    const bound = await this.bindings.find();
    return all.map((e) => toView(e, bound));
  }

  async get(name: string): Promise<EnumerationView> {
    const enumeration = await this.enumerations.findOne({ where: { name }, relations: { values: true } });
    if (!enumeration) throw new NotFoundException(`No enumeration is named '${name}' (see GET /api/enumerations)`);
    return toView(enumeration, await this.bindings.findBy({ enumerationId: enumeration.id }));
  }
}

function toView(e: EnumerationEntity, bindings: EnumBindingEntity[]): EnumerationView {
  return {
    name: e.name,
    label: e.label,
    values: [...(e.values ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((v) => ({ value: v.value, label: v.label, order: v.position, active: v.active, origin: v.origin })),
    sources: bindings
      .filter((b) => b.enumerationId === e.id)
      .map((b) => ({ accountId: b.accountId, picklist: b.crmEnumId, replace: b.replace, ...(b.lastSyncedAt ? { lastSyncedAt: b.lastSyncedAt.toISOString() } : {}) })),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
