import { OwnedBy } from '@crm-hub/access';
import type { CrmEnum, CrmObject } from '@crm-hub/plugin-sdk';
import { Controller, Get, Param, ParseBoolPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CrmSchemaEntity } from '../crm-schema.entity';
import { ObjectDescribeView, ObjectListView } from '../dto/discovery.view';
import { CrmCatalogService } from './crm-catalog.service';

/** The discovery wizard's first steps: the CRM's objects, then one object's fields and picklists. */
@ApiTags('discovery')
@ApiBearerAuth()
@Controller('accounts/:id/objects')
export class DiscoveryController {
  constructor(
    private readonly catalog: CrmCatalogService,
    @InjectRepository(CrmSchemaEntity) private readonly schemas: Repository<CrmSchemaEntity>,
  ) {}

  @Get()
  @OwnedBy('account')
  @ApiQuery({ name: 'refresh', required: false, type: Boolean, description: 'Ask the CRM again instead of the cached listing' })
  @ApiOkResponse({ type: ObjectListView, description: 'The CRM objects, and the schema already made for each (if any)' })
  async list(
    @Param('id') accountId: string,
    @Query('refresh', new ParseBoolPipe({ optional: true })) refresh?: boolean,
  ): Promise<{ objects: { name: string; label: string; custom: boolean; incremental: string; schemaId: string | null }[] }> {
    const objects = await this.catalog.listObjects(accountId, refresh ?? false);
    const made = new Map((await this.schemas.findBy({ accountId })).map((s) => [s.objectName, s.id]));
    return {
      objects: objects.map((o) => ({ name: o.name, label: o.label, custom: o.custom, incremental: o.incremental, schemaId: made.get(o.name) ?? null })),
    };
  }

  @Get(':object')
  @OwnedBy('account')
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  @ApiOkResponse({ type: ObjectDescribeView, description: 'Fields (canonical and native types, required, read-only, references, external ids) and picklists' })
  async describe(
    @Param('id') accountId: string,
    @Param('object') objectName: string,
    @Query('refresh', new ParseBoolPipe({ optional: true })) refresh?: boolean,
  ): Promise<{ object: CrmObject; picklists: CrmEnum[]; schemaId: string | null }> {
    const { object, enums } = await this.catalog.describe(accountId, objectName, refresh ?? false);
    const schema = await this.schemas.findOneBy({ accountId, objectName: object.name });
    return { object, picklists: enums, schemaId: schema?.id ?? null };
  }
}
