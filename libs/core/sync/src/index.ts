export { SyncModule, type SyncModuleOptions } from './lib/sync.module';
export { JobsService } from './lib/jobs/jobs.service';
export { RunsService } from './lib/runs/runs.service';
export { JobView } from './lib/jobs/dto/job.view';
export { RunView, RejectView } from './lib/runs/dto/run.view';
export { SYNC_QUEUE, type SyncQueueDriver } from './lib/queue/sync-queue';
export { type HubRole } from './lib/sync.options';
