import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SchemaDriftService, type ApplyDriftResult } from './drift/schema-drift.service';
import type { DriftReport } from './drift/drift-report';
import { ApplyDriftDto } from './dto/apply-drift.dto';
import { GenerateSchemasDto } from './dto/generate-schemas.dto';
import { RecordsQueryDto } from './dto/records-query.dto';
import { SchemaView } from './dto/schema.view';
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
  ) {}

  @Post('accounts/:id/schemas')
  @ApiCreatedResponse({ type: [SchemaView], description: 'A table per object was created in the hub database' })
  @ApiConflictResponse({ description: 'An object already has a schema: use its drift endpoints' })
  async generate(@Param('id') accountId: string, @Body() dto: GenerateSchemasDto): Promise<{ schemas: SchemaView[] }> {
    return { schemas: await this.schemas.generate(accountId, dto) };
  }

  @Get('schemas')
  @ApiQuery({ name: 'accountId', required: false })
  @ApiOkResponse({ type: [SchemaView] })
  list(@Query('accountId') accountId?: string): Promise<SchemaView[]> {
    return this.schemas.list(accountId);
  }

  @Get('schemas/:id')
  @ApiOkResponse({ type: SchemaView })
  get(@Param('id') id: string): Promise<SchemaView> {
    return this.schemas.get(id);
  }

  @Get('schemas/:id/drift')
  @ApiOkResponse({ description: 'Added, removed and retyped fields and changed picklists since the table was made' })
  report(@Param('id') id: string): Promise<DriftReport> {
    return this.drift.report(id);
  }

  @Post('schemas/:id/apply-drift')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Columns added, types widened, removed fields marked inactive (their data stays)' })
  @ApiConflictResponse({ description: 'A type change could lose data: nothing applied (see errors; skipUnsafe applies the rest)' })
  apply(@Param('id') id: string, @Body() dto: ApplyDriftDto): Promise<ApplyDriftResult> {
    return this.drift.apply(id, dto);
  }

  @Get('schemas/:id/records')
  @ApiOkResponse({ description: 'Rows of the generated table, keyed by CRM field names, with enumeration labels' })
  browse(@Param('id') id: string, @Query() query: RecordsQueryDto): Promise<RecordsPage> {
    return this.records.browse(id, query);
  }
}
