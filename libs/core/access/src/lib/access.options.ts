/** Where the access layer reports secrets it creates, so that no log line or error can carry them. */
export interface SecretSink {
  add(value: unknown): void;
  redactValue<T>(value: T): T;
}

export interface AccessOptions {
  /** HUB_API_KEYS: admin keys for every account, accepted as long as they are configured. */
  bootstrapKeys: string[];
  /** Audit entries older than this are removed (HUB_AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** The process's secret redactor. */
  redactor: SecretSink;
}

export const ACCESS_OPTIONS = Symbol('ACCESS_OPTIONS');
