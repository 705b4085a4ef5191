import { SYNC_QUEUE, type SyncQueueDriver } from '@crm-hub/sync';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { HUB_CONFIG } from '../app/hub-config.provider';
import type { HubConfig } from '../app/hub-config';

/**
 * `/health` (readiness): 200 when the database answers and, with REDIS_URL, the run queue too;
 * 503 otherwise, naming what is down. Open, for load balancers and probes. The body also says
 * which role and worker answered.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(SYNC_QUEUE) private readonly queue: SyncQueueDriver,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The hub, its database and its run queue are up' })
  @ApiServiceUnavailableResponse({ description: 'The database or the run queue (Redis) does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult & { role: string; worker: string }> {
    const who = { role: this.config.role, worker: this.config.workerName };
    try {
      return { ...(await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.queueCheck()])), ...who };
    } catch (err) {
      // Terminus reports a failed check as an exception carrying the result; probes want that body.
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { ...((err as { getResponse?: () => HealthCheckResult }).getResponse?.() ?? { status: 'error', details: {} }), ...who };
    }
  }

  private async queueCheck() {
    const indicator = this.indicators.check('queue');
    const state = await this.queue.health();
    return state.up ? indicator.up({ driver: this.queue.kind }) : indicator.down({ driver: this.queue.kind, message: state.message ?? 'unreachable' });
  }
}
