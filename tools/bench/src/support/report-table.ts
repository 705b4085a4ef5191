import type { Measurement } from './results';

/** The run's figures as a Markdown table (printed, and pasted into BENCHMARKS.md as it is). */
export function resultsTable(results: Measurement[]): string {
  const head = ['scenario', 'CRM', 'db', 'records', 'hub rec/s', 'baseline rec/s', 'ratio', 'hub / baseline CPU ms per 1k', 'hub data calls', 'baseline data calls', 'minimum', 'hub peak RSS MB', 'notes'];
  const rows = results.map((m) => [
    m.scenario,
    m.crm,
    m.database,
    m.records.toLocaleString('en-US'),
    m.extra?.['p95Ms'] !== undefined ? `p50 ${m.extra['hubP50Ms']} / p95 ${m.extra['p95Ms']} ms` : m.hub.recordsPerSecond.toLocaleString('en-US'),
    m.baseline ? (m.extra?.['baselineP95Ms'] !== undefined ? `p50 ${m.extra['baselineP50Ms']} / p95 ${m.extra['baselineP95Ms']} ms` : m.baseline.recordsPerSecond.toLocaleString('en-US')) : '—',
    m.ratio === undefined ? '—' : m.ratio.toFixed(2),
    m.hub.cpuMsPerThousand === undefined ? '—' : `${m.hub.cpuMsPerThousand} / ${m.baseline?.cpuMsPerThousand ?? '—'}`,
    String(m.hub.dataCalls),
    m.baseline ? String(m.baseline.dataCalls) : '—',
    m.minCalls === undefined ? '—' : `${m.minCalls} (${m.minCallsRule})`,
    m.hub.peakRssMb === undefined ? '—' : m.hub.peakRssMb.toFixed(0),
    String(m.extra?.['note'] ?? m.extra?.['variant'] ?? ''),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
