import type { DataverseEmulator, SalesforceEmulator } from '@crm-hub/crm-emulators';
import type { DatabaseKind } from './bench-database';
import type { HubStartOptions } from './hub-process';
import type { Measurement } from './results';

/** Sizes of one benchmark run. */
export interface BenchSizes {
  /** Scenarios 1 and 2: records of the full import. */
  importRecords: number;
  /** Scenario 3: share of records changed before the incremental import. */
  changedShare: number;
  /** Scenario 4: rows exported. */
  exportRows: number;
  /** Scenario 5: import sizes whose peak RSS is compared (the last is the target's 1M). */
  memoryRecords: number[];
  /** Scenario 6: changes whose latency is measured. */
  latencySamples: number;
  /** Scenario 6: the continuous job's poll interval. */
  pollIntervalMs: number;
  /** Scenario 7: records read by each of its 16 import jobs. */
  scaleOutRecordsPerJob: number;
  /** Scenario 7: worker processes compared (the first is the reference of the speed-up). */
  scaleOutWorkers: number[];
}

export const FULL_SIZES: BenchSizes = {
  importRecords: 1_000_000,
  changedShare: 0.01,
  exportRows: 100_000,
  memoryRecords: [100_000, 1_000_000],
  latencySamples: 20,
  pollIntervalMs: 1_000,
  scaleOutRecordsPerJob: 6_000,
  scaleOutWorkers: [1, 2, 4],
};

export const QUICK_SIZES: BenchSizes = {
  // An import of 50,000 records lasts 2–4 s, where the first page and the plugin's start weigh enough
  // to pull ratios down by ~0.05–0.1; at 200,000 they are what BENCHMARKS.md reports, for ~1 min more.
  importRecords: 200_000,
  changedShare: 0.01,
  exportRows: 10_000,
  memoryRecords: [10_000, 50_000],
  latencySamples: 8,
  pollIntervalMs: 1_000,
  scaleOutRecordsPerJob: 2_000,
  scaleOutWorkers: [1, 2, 4],
};

/** What every scenario works with. */
export interface BenchContext {
  sizes: BenchSizes;
  databases: DatabaseKind[];
  sf: SalesforceEmulator;
  dv: DataverseEmulator;
  /** How every scenario's hub process is started (CPU profiles, Node flags). */
  hubStart: HubStartOptions;
  /** Rounds of each full import of scenarios 1–2 (`--repeat`); the round of median ratio is reported. */
  repeat: number;
  results: Measurement[];
  log(message: string): void;
}
