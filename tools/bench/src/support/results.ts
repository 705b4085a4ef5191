/** One side of a measurement: the hub, or the hand-written baseline. */
export interface Side {
  seconds: number;
  recordsPerSecond: number;
  /** CRM calls that moved data (query pages, collections, Bulk job calls), by the emulator's counters. */
  dataCalls: number;
  /** Every CRM call by kind, sign-in and describe included. */
  calls: Record<string, number>;
  peakRssMb?: number;
  /** CPU seconds the process used for it (all threads), and per 1,000 records. */
  cpuSeconds?: number;
  cpuMsPerThousand?: number;
}

/** One row of the results: a scenario on one CRM and database, hub and baseline side by side. */
export interface Measurement {
  scenario: string;
  /** `salesforce+dataverse`: a workload on both (scenario 7). */
  crm: 'salesforce' | 'dataverse' | 'salesforce+dataverse';
  database: 'sqlite' | 'postgres';
  records: number;
  hub: Side;
  baseline?: Side;
  /** hub records/s ÷ baseline records/s (for latency rows: baseline p95 ÷ hub p95). */
  ratio?: number;
  /** The fewest data calls that can move these records, and how it is counted. */
  minCalls?: number;
  minCallsRule?: string;
  /** Scenario-specific figures (latency percentiles, memory series…). */
  extra?: Record<string, unknown>;
}

export function side(records: number, seconds: number, calls: Record<string, number>, dataKinds: readonly string[], extra: { peakRssMb?: number; cpuSeconds?: number } = {}): Side {
  return {
    seconds: round(seconds, 3),
    recordsPerSecond: Math.round(records / seconds),
    dataCalls: dataKinds.reduce((n, k) => n + (calls[k] ?? 0), 0),
    calls,
    ...(extra.peakRssMb === undefined ? {} : { peakRssMb: round(extra.peakRssMb, 1) }),
    ...(extra.cpuSeconds === undefined || Number.isNaN(extra.cpuSeconds)
      ? {}
      : { cpuSeconds: round(extra.cpuSeconds, 2), cpuMsPerThousand: Math.round((extra.cpuSeconds * 1e6) / Math.max(1, records)) }),
  };
}

export function ratioOf(hub: Side, baseline: Side): number {
  return round(hub.recordsPerSecond / baseline.recordsPerSecond, 2);
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A target of the issue and whether this run met it. */
export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}
