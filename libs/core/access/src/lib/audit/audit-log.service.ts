import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, In, LessThan, type FindOptionsWhere, LessThanOrEqual, Like, MoreThanOrEqual, type Repository } from 'typeorm';
import { ACCESS_OPTIONS, type AccessOptions } from '../access.options';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditEntryView, AuditPageView, AuditQueryDto } from './dto/audit.dto';

const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** The largest value of the entries' integer sequence. */
const MAX_SEQ = 2_147_483_647;

/** Reads the audit log (newest first, filtered, paged) and removes entries past their retention, at start and hourly. */
@Injectable()
export class AuditLogService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
  ) {}

  onModuleInit(): void {
    void this.pruneQuietly();
    this.pruner = setInterval(() => void this.pruneQuietly(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruner);
  }

  async list(query: AuditQueryDto, accounts: string[] | undefined): Promise<AuditPageView> {
    const limit = query.limit ?? 50;
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    const at = [query.since ? MoreThanOrEqual(new Date(query.since)) : undefined, query.until ? LessThan(new Date(query.until)) : undefined].filter((c) => c !== undefined);
    if (at.length) where.at = at.length === 1 ? at[0] : And(...at);
    // A cursor beyond the largest sequence number (PostgreSQL's integer) means "from the newest", not an error.
    if (query.before) where.seq = LessThanOrEqual(Math.min(Number(query.before) - 1, MAX_SEQ));
    if (query.keyId) where.keyId = query.keyId;
    if (query.action) where.action = query.action.endsWith('.') ? Like(`${query.action}%`) : query.action;
    if (query.resourceType) where.resourceType = query.resourceType;
    if (query.resourceId) where.resourceId = query.resourceId;
    if (query.outcome) where.outcome = query.outcome;
    if (accounts) {
      const visible = query.accountId ? accounts.filter((a) => a === query.accountId) : accounts;
      where.accountId = In(visible);
    } else if (query.accountId) {
      where.accountId = query.accountId;
    }
    const rows = await this.entries.find({ where, order: { seq: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return { entries: page.map(toView), next: rows.length > limit ? String(page[page.length - 1]?.seq) : null };
  }

  /** Removes entries older than the retention; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.auditRetentionDays * DAY_MS);
    const result = await this.entries.delete({ at: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async pruneQuietly(): Promise<void> {
    try {
      const removed = await this.prune();
      if (removed > 0) this.logger.log(`Removed ${removed} audit entries older than ${this.options.auditRetentionDays} days (HUB_AUDIT_RETENTION_DAYS)`);
    } catch (error) {
      this.logger.warn(`Could not prune the audit log: ${(error as Error).message}`);
    }
  }

}

function toView(row: AuditEntryEntity): AuditEntryView {
  return {
    id: String(row.seq),
    at: row.at.toISOString(),
    key: { id: row.keyId, prefix: row.keyPrefix, name: row.keyName },
    action: row.action,
    method: row.method,
    path: row.path,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    accountId: row.accountId,
    changes: row.changes,
    outcome: row.outcome,
    status: row.status,
    error: row.error,
  };
}
