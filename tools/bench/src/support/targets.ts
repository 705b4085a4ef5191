import type { BenchSizes } from './context';
import type { Measurement, TargetCheck } from './results';

const MIN_RATIO = 0.9;
const EXTRA_CALLS = 2;
const RSS_BOUND_MB = 300;
const RSS_GROWTH = 0.2;
/** N workers reach at least this share of N× one worker (the issue: 4 workers ≥ 3× one). */
const SCALING_EFFICIENCY = 0.75;

/** The targets, checked against this run's figures (reported, never asserted in tests). */
export function checkTargets(results: Measurement[], sizes: BenchSizes): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const m of results.filter((r) => /^[12] full import/.test(r.scenario))) {
    checks.push({
      target: `hub import ≥ ${MIN_RATIO}× baseline (${m.crm}, ${m.database}${variantOf(m)})`,
      met: (m.ratio ?? 0) >= MIN_RATIO,
      detail: `ratio ${m.ratio} (hub ${m.hub.recordsPerSecond} rec/s, baseline ${m.baseline?.recordsPerSecond} rec/s)`,
    });
  }
  for (const m of results.filter((r) => r.minCalls !== undefined)) {
    checks.push({
      target: `API calls ≤ minimum + ${EXTRA_CALLS} (${m.scenario}, ${m.crm}, ${m.database}${variantOf(m)})`,
      met: m.hub.dataCalls <= (m.minCalls as number) + EXTRA_CALLS,
      detail: `${m.hub.dataCalls} data calls, minimum ${m.minCalls} (${m.minCallsRule}); all calls ${JSON.stringify(m.hub.calls)}`,
    });
  }
  const memory = results.filter((r) => r.scenario.startsWith('5 memory'));
  const largest = memory.find((m) => m.records === Math.max(...sizes.memoryRecords));
  const smallest = memory.find((m) => m.records === Math.min(...sizes.memoryRecords));
  if (largest?.hub.peakRssMb !== undefined) {
    checks.push({
      target: `peak RSS < ${RSS_BOUND_MB} MB at ${largest.records.toLocaleString('en-US')} records (PostgreSQL, writes slowed)`,
      met: largest.hub.peakRssMb < RSS_BOUND_MB,
      detail: `${largest.hub.peakRssMb} MB`,
    });
  }
  if (largest?.hub.peakRssMb !== undefined && smallest?.hub.peakRssMb !== undefined && largest !== smallest) {
    const growth = largest.hub.peakRssMb / smallest.hub.peakRssMb - 1;
    checks.push({
      target: `peak RSS grows < ${RSS_GROWTH * 100} % from ${smallest.records.toLocaleString('en-US')} to ${largest.records.toLocaleString('en-US')} records`,
      met: growth < RSS_GROWTH,
      detail: `${smallest.hub.peakRssMb} → ${largest.hub.peakRssMb} MB (${(growth * 100).toFixed(1)} %)`,
    });
  }
  for (const m of results.filter((r) => r.scenario.startsWith('6 latency'))) {
    const p95 = Number(m.extra?.['p95Ms']);
    checks.push({
      target: `change latency p95 < poll interval + 1 s (${m.crm}, ${m.database})`,
      met: p95 < sizes.pollIntervalMs + 1_000,
      detail: `p95 ${p95} ms, poll interval ${sizes.pollIntervalMs} ms`,
    });
  }
  for (const m of results.filter((r) => r.scenario.startsWith('7 multi-worker'))) {
    const workers = Number(m.extra?.['workers']);
    if (!(workers > 1)) continue;
    checks.push({
      target: `${workers} workers ≥ ${SCALING_EFFICIENCY * workers}× one worker (multi-worker throughput)`,
      met: (m.ratio ?? 0) >= SCALING_EFFICIENCY * workers,
      detail: `speed-up ${m.ratio} (${m.hub.recordsPerSecond} rec/s)`,
    });
  }
  return checks;
}

function variantOf(m: Measurement): string {
  const variant = m.extra?.['variant'];
  return variant && variant !== 'default' ? `, ${String(variant)}` : '';
}
