import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A run's counters. */
export class RunCountersView {
  @ApiProperty({ description: 'Records read from the CRM (upserts and deletes)' }) read!: number;
  @ApiProperty() inserted!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() deleted!: number;
  @ApiProperty({ description: 'Records or values that could not be stored (see the rejects)' }) rejected!: number;
  @ApiProperty({ description: 'Records not applied because the hub holds a newer version' }) skipped!: number;
}

/** Progress of a run. */
export class RunProgressView {
  @ApiProperty({ description: 'Records read so far' }) records!: number;
  @ApiPropertyOptional({ description: 'Records the read will return in all, when the CRM said' }) total?: number;
  @ApiPropertyOptional({ description: 'Records per second since the run started' }) recordsPerSecond?: number;
}

/** A note the run wants the operator to see. */
export class RunNoteView {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

/** One execution of a sync job. */
export class RunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'paused', 'cancelled'] }) status!: string;
  @ApiProperty({ enum: ['manual', 'schedule', 'continuous', 'refresh'] }) trigger!: string;
  @ApiProperty({ description: 'A full read (asked for, or needed)' }) full!: boolean;
  @ApiProperty({ type: RunCountersView }) counters!: RunCountersView;
  @ApiProperty({ description: 'CRM API calls used' }) apiCalls!: number;
  @ApiProperty({ type: RunProgressView }) progress!: RunProgressView;
  @ApiPropertyOptional({ description: 'Why the run failed (secrets masked)' }) error?: { code: string; message: string };
  @ApiProperty({ type: [RunNoteView] }) notes!: RunNoteView[];
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ description: 'The worker executing the run now, or that executed it last (HUB_WORKER_NAME)' }) worker?: string;
  @ApiProperty({ type: [String], description: 'Every worker that executed an attempt of the run, in order' }) workers!: string[];
  @ApiProperty() cancelRequested!: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'When a paused run tries again' }) nextAttemptAt?: string;
  @ApiProperty({ format: 'date-time' }) queuedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) startedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional({ description: 'Seconds from start to finish (or to now while running)' }) durationSeconds?: number;
}

/** A page of runs. */
export class RunsPageView {
  @ApiProperty({ type: [RunView] }) runs!: RunView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page' }) next!: string | null;
}

/** A record or value a run could not store. */
export class RejectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiPropertyOptional() crmId?: string;
  @ApiPropertyOptional({ description: 'Export and delete jobs: the hub row refused' }) hubId?: string;
  @ApiPropertyOptional({ description: 'Export jobs: what was sent' }) payload?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: 'The fields the CRM named' }) fields?: string[];
  @ApiProperty({ description: 'The CRM said the same write may succeed later' }) retryable!: boolean;
  @ApiProperty({ enum: ['open', 'resolved'], description: 'open until the row is written successfully' }) status!: string;
  @ApiPropertyOptional({ description: 'The CRM field whose value was refused' }) field?: string;
  @ApiPropertyOptional() value?: string;
  @ApiProperty({ example: 'VALUE_TOO_LONG' }) code!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A page of rejects. */
export class RejectsPageView {
  @ApiProperty({ type: [RejectView] }) rejects!: RejectView[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}

/** A field changed on both sides of a bidirectional pair since the last sync. */
export class ConflictView {
  @ApiProperty({ description: 'The hub row (hub_id)' }) hubId!: string;
  @ApiPropertyOptional() crmId?: string;
  @ApiProperty({ description: 'The CRM field' }) field!: string;
  @ApiProperty({ description: "The hub's value", nullable: true }) hubValue!: unknown;
  @ApiProperty({ description: "The CRM's value", nullable: true }) crmValue!: unknown;
  @ApiProperty({ enum: ['crm', 'hub'] }) winner!: string;
  @ApiProperty({ enum: ['crm-wins', 'hub-wins', 'latest-wins'] }) policy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A page of conflicts. */
export class ConflictsPageView {
  @ApiProperty({ type: [ConflictView] }) conflicts!: ConflictView[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}
