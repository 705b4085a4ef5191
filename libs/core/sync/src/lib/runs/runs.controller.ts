import { Audit, KeyAccounts, OwnedBy, RequiresScope } from '@crm-hub/access';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConflictsPageView, RejectsPageView, RunsPageView, RunView } from './dto/run.view';
import { RejectsQueryDto, RunsQueryDto } from './dto/runs-query.dto';
import { RunsService } from './runs.service';

/** Sync runs: progress, counters, errors, rejects; cancellation. */
@ApiTags('sync')
@ApiBearerAuth()
@Controller('sync/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @ApiOkResponse({ type: RunsPageView })
  list(@Query() query: RunsQueryDto, @KeyAccounts() accounts?: string[]): Promise<RunsPageView> {
    return this.runs.list(query, accounts);
  }

  @Get(':id')
  @OwnedBy('run')
  @ApiOkResponse({ type: RunView })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<RunView> {
    return this.runs.get(id);
  }

  @Post(':id/cancel')
  @OwnedBy('run')
  @RequiresScope('operate')
  @Audit('run.cancel', 'run')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RunView, description: 'A queued or paused run is cancelled at once; a running one stops within seconds' })
  cancel(@Param('id') id: string): Promise<RunView> {
    return this.runs.cancel(id);
  }

  @Get(':id/rejects')
  @OwnedBy('run')
  @ApiOkResponse({ type: RejectsPageView, description: 'Records or values the run could not store' })
  rejects(@Param('id') id: string, @Query() query: RejectsQueryDto): Promise<RejectsPageView> {
    return this.runs.runRejects(id, query);
  }

  @Get(':id/conflicts')
  @OwnedBy('run')
  @ApiOkResponse({ type: ConflictsPageView, description: 'Bidirectional runs: fields changed on both sides, both values and the winner' })
  conflictList(@Param('id') id: string, @Query() query: RejectsQueryDto): Promise<ConflictsPageView> {
    return this.runs.runConflicts(id, query);
  }
}
