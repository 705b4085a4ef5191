import type { Registry } from 'prom-client';

/**
 * Labels an unauthenticated scrape must not see: an account id names a customer's CRM connection
 * and is the key to every `/api/accounts/:id` route.
 */
export const PRIVATE_LABELS = ['account', 'accountId', 'account_id'];

type Sample = { labels: Record<string, string | number>; value: number };
type Collected = { name: string; help: string; type: string; values: Sample[] };

/**
 * The Prometheus text of a registry as `/metrics` (open, like `/health`) serves it: every series
 * whose labels are all public as is; a gauge or counter with a private label folded over it (the
 * largest value of a gauge — e.g. the most used quota of a plugin — and the sum of a counter); any
 * other metric with a private label is left out rather than risk showing it.
 */
export async function publicMetrics(registry: Registry): Promise<string> {
  const parts: string[] = [];
  for (const metric of registry.getMetricsAsArray()) {
    const collected = (await (metric as unknown as { get(): Promise<Collected> }).get()) as Collected;
    const hasPrivate = collected.values.some((v) => PRIVATE_LABELS.some((label) => label in v.labels));
    if (!hasPrivate) {
      parts.push(await registry.getSingleMetricAsString(collected.name));
    } else if (collected.type === 'gauge' || collected.type === 'counter') {
      parts.push(render(collected, fold(collected.values, collected.type === 'gauge' ? Math.max : (a, b) => a + b)));
    }
  }
  return `${parts.filter(Boolean).join('\n\n')}\n`; // as prom-client's own metrics()
}

/** Drops the private labels and combines the samples that then share their labels. */
export function fold(values: Sample[], combine: (a: number, b: number) => number): Sample[] {
  const byKey = new Map<string, Sample>();
  for (const { labels, value } of values) {
    const kept = Object.fromEntries(Object.entries(labels).filter(([name]) => !PRIVATE_LABELS.includes(name)));
    const key = JSON.stringify(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
    const seen = byKey.get(key);
    byKey.set(key, { labels: kept, value: seen ? combine(seen.value, value) : value });
  }
  return [...byKey.values()];
}

function render(metric: Collected, samples: Sample[]): string {
  const lines = [`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`];
  for (const { labels, value } of samples) {
    const text = Object.entries(labels)
      .map(([name, v]) => `${name}="${escapeLabel(String(v))}"`)
      .join(',');
    lines.push(`${metric.name}${text ? `{${text}}` : ''} ${formatValue(value)}`);
  }
  return lines.join('\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabel(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
