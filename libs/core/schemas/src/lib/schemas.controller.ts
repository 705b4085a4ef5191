import { Audit, KeyAccounts, OwnedBy, accountVisible } from '@crm-hub/access';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseBoolPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SchemaDriftService, type ApplyDriftResult } from './drift/schema-drift.service';
import type { DriftReport } from './drift/drift-report';
import { ApplyDriftDto } from './dto/apply-drift.dto';
import { ApplyDriftResultView, DriftReportView } from './dto/drift.view';
import { GenerateSchemasDto } from './dto/generate-schemas.dto';
import { RecordsQueryDto } from './dto/records-query.dto';
import { RecordsPageView } from './dto/records.view';
import { RecordWriteDto } from './dto/record-write.dto';
import { RecordWritesService } from './records/record-writes.service';
import { GeneratedSchemasView, SchemaView } from './dto/schema.view';
import { SchemaRecordsService, type RecordsPage } from './records/schema-records.service';
import { SchemasService } from './schemas.service';

/** Hub data schemas: generated tables per CRM object, their drift, and what they hold. */
@ApiTags('schemas')
@ApiBearerAuth()
@Controller()
export class SchemasController {
  constructor(
    private readonly schemas: SchemasService,
    private readonly drift: SchemaDriftService,
    private readonly records: SchemaRecordsService,
    private readonly writes: RecordWritesService,
  ) {}

  @Post('accounts/:id/schemas')
  @OwnedBy('account')
  @Audit('schema.generate', 'account')
  @ApiCreatedResponse({ type: GeneratedSchemasView, description: 'A table per object was created in the hub database' })
  @ApiConflictResponse({ description: 'An object already has a schema: use its drift endpoints' })
  async generate(@Param('id') accountId: string, @Body() dto: GenerateSchemasDto): Promise<GeneratedSchemasView> {
    return { schemas: await this.schemas.generate(accountId, dto) };
  }

  @Get('schemas')
  @ApiQuery({ name: 'accountId', required: false })
  @ApiOkResponse({ type: [SchemaView] })
  async list(@Query('accountId') accountId?: string, @KeyAccounts() accounts?: string[]): Promise<SchemaView[]> {
    return (await this.schemas.list(accountId)).filter((s) => accountVisible(accounts, s.accountId));
  }

  @Get('schemas/:id')
  @OwnedBy('schema')
  @ApiOkResponse({ type: SchemaView })
  get(@Param('id') id: string): Promise<SchemaView> {
    return this.schemas.get(id);
  }

  @Delete('schemas/:id')
  @OwnedBy('schema')
  @Audit('schema.delete', 'schema')
  @HttpCode(204)
  @ApiQuery({ name: 'dropTable', required: false, type: Boolean, description: 'Also drop the table and its data (default: the table stays)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'Sync jobs use the schema' })
  remove(@Param('id') id: string, @Query('dropTable', new ParseBoolPipe({ optional: true })) dropTable?: boolean): Promise<void> {
    return this.schemas.remove(id, dropTable === true);
  }

  @Get('schemas/:id/drift')
  @OwnedBy('schema')
  @ApiOkResponse({ type: DriftReportView, description: 'Added, removed and retyped fields and changed picklists since the table was made' })
  report(@Param('id') id: string): Promise<DriftReport> {
    return this.drift.report(id);
  }

  @Post('schemas/:id/apply-drift')
  @OwnedBy('schema')
  @Audit('schema.apply-drift', 'schema', { diff: true })
  @HttpCode(200)
  @ApiOkResponse({ type: ApplyDriftResultView, description: 'Columns added, types widened, removed fields marked inactive (their data stays)' })
  @ApiConflictResponse({ description: 'A type change could lose data: nothing applied (see errors; skipUnsafe applies the rest)' })
  apply(@Param('id') id: string, @Body() dto: ApplyDriftDto): Promise<ApplyDriftResult> {
    return this.drift.apply(id, dto);
  }

  @Get('schemas/:id/records')
  @OwnedBy('schema')
  @ApiOkResponse({ type: RecordsPageView, description: 'Rows of the generated table, keyed by CRM field names, with enumeration labels' })
  browse(@Param('id') id: string, @Query() query: RecordsQueryDto): Promise<RecordsPage> {
    return this.records.browse(id, query);
  }

  @Post('schemas/:id/records')
  @OwnedBy('schema')
  @Audit('record.create', 'record', { idParam: 'hubId' })
  @ApiCreatedResponse({ description: 'Written; change capture marks it for export jobs' })
  createRecord(@Param('id') id: string, @Body() dto: RecordWriteDto): Promise<{ hubId: string }> {
    return this.writes.create(id, dto.values);
  }

  @Patch('schemas/:id/records/:hubId')
  @OwnedBy('schema')
  @Audit('record.update', 'record', { idParam: 'hubId' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed (only the fields sent)' })
  updateRecord(@Param('id') id: string, @Param('hubId') hubId: string, @Body() dto: RecordWriteDto): Promise<void> {
    return this.writes.update(id, hubId, dto.values);
  }

  @Delete('schemas/:id/records/:hubId')
  @OwnedBy('schema')
  @Audit('record.delete', 'record', { idParam: 'hubId' })
  @HttpCode(204)
  @ApiQuery({ name: 'hard', required: false, type: Boolean, description: 'Remove the row (default: soft delete, which delete jobs send to the CRM)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  removeRecord(@Param('id') id: string, @Param('hubId') hubId: string, @Query('hard', new ParseBoolPipe({ optional: true })) hard?: boolean): Promise<void> {
    return this.writes.remove(id, hubId, hard === true);
  }
}
