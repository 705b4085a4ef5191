import { Audit, type CallerKey, CurrentKey, KeyAccounts, OwnedBy, OwnedByAll, RequiresScope, accountVisible } from '@crm-hub/access';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RejectsPageView, RunView } from '../runs/dto/run.view';
import { RejectsQueryDto } from '../runs/dto/runs-query.dto';
import { toRunView } from '../runs/run-views';
import { RunsService } from '../runs/runs.service';
import { CreateJobDto, StartRunDto, UpdateJobDto } from './dto/job-input.dto';
import { JobView } from './dto/job.view';
import { JobsService } from './jobs.service';
import { OPERATE_JOB_FIELDS, assertOperateMayChange } from './operate-job-fields';

/** Sync jobs: import and import-deleted, on demand, scheduled or continuous. */
@ApiTags('sync')
@ApiBearerAuth()
@Controller('sync/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly runs: RunsService,
  ) {}

  @Get()
  @ApiQuery({ name: 'accountId', required: false })
  @ApiQuery({ name: 'schemaId', required: false })
  @ApiOkResponse({ type: [JobView] })
  async list(@Query('accountId') accountId?: string, @Query('schemaId') schemaId?: string, @KeyAccounts() accounts?: string[]): Promise<JobView[]> {
    const jobs = await this.jobs.list({ ...(accountId ? { accountId } : {}), ...(schemaId ? { schemaId } : {}) });
    return jobs.filter((j) => accountVisible(accounts, j.accountId));
  }

  @Post()
  @OwnedByAll({ kind: 'account', body: 'accountId' }, { kind: 'schema', body: 'schemaId' })
  @Audit('job.create', 'job')
  @ApiCreatedResponse({ type: JobView, description: 'Created: every field checked against the schema and the plugin first' })
  create(@Body() dto: CreateJobDto): Promise<JobView> {
    return this.jobs.create(dto);
  }

  @Get(':id')
  @OwnedBy('job')
  @ApiOkResponse({ type: JobView })
  get(@Param('id') id: string): Promise<JobView> {
    return this.jobs.get(id);
  }

  @Patch(':id')
  @OwnedBy('job')
  @RequiresScope('operate')
  @Audit('job.update', 'job')
  @ApiOkResponse({ type: JobView, description: `An operate key may change only ${OPERATE_JOB_FIELDS.join(', ')}; anything else needs admin` })
  update(@Param('id') id: string, @Body() dto: UpdateJobDto, @CurrentKey() key?: CallerKey): Promise<JobView> {
    assertOperateMayChange(dto, key);
    return this.jobs.update(id, dto);
  }

  @Delete(':id')
  @OwnedBy('job')
  @Audit('job.delete', 'job')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its runs, checkpoint and rejects' })
  @ApiConflictResponse({ description: 'A run of the job is in progress' })
  remove(@Param('id') id: string): Promise<void> {
    return this.jobs.remove(id);
  }

  @Post(':id/runs')
  @OwnedBy('job')
  @RequiresScope('operate')
  @Audit('job.run', 'job')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RunView, description: 'Queued; follow it at the Location header' })
  @ApiConflictResponse({ description: "The job's run is in progress (named in the detail)" })
  async run(@Param('id') id: string, @Body() dto: StartRunDto, @Res({ passthrough: true }) res: Response): Promise<RunView> {
    const run = await this.jobs.startRun(id, dto);
    res.setHeader('Location', `/api/sync/runs/${run.id}`);
    return toRunView(run);
  }

  @Get(':id/rejects')
  @OwnedBy('job')
  @ApiOkResponse({ type: RejectsPageView, description: "Rejects of the job's runs" })
  async rejects(@Param('id') id: string, @Query() query: RejectsQueryDto): Promise<RejectsPageView> {
    await this.jobs.find(id);
    return this.runs.jobRejects(id, query);
  }
}
