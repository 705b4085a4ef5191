import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Summarises `.cpuprofile` files (`npm run bench -- --profile` writes one per hub thread): the
 * functions with the most self time, and self time per source file, so a hot spot shows at once.
 * Usage: node tools/bench/run.cjs tools/bench/src/profile-summary.ts <file.cpuprofile>… [--top=25]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export async function main(argv: string[]): Promise<void> {
  const top = Number(argv.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 25);
  for (const file of argv.filter((a) => !a.startsWith('--'))) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const [id, us] of self) {
      const frame = (byNode.get(id) as ProfileNode).callFrame;
      const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '(native)';
      const key = `${frame.functionName || '(anonymous)'}  ${where}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      const fileKey = frame.url ? shorten(frame.url) : frame.functionName || '(native)';
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    }
    const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
    process.stdout.write(`\n${basename(file)}: ${(total / 1e6).toFixed(1)} s sampled over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n`);
    process.stdout.write('  self time by function:\n');
    for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)}  ${key}\n`);
    process.stdout.write('  total time (self + callees) by function:\n');
    for (const [key, us] of [...inclusive(profile, self)].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)}  ${key}\n`);
    process.stdout.write('  self time by file:\n');
    for (const [key, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(top / 2))) process.stdout.write(`  ${pct(us)}  ${key}\n`);
  }
}

/** Time in each function including what it called (a function recursing is counted once per stack). */
function inclusive(profile: Profile, self: Map<number, number>): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = (byNode.get(at) as ProfileNode).callFrame;
      if (!frame.url) continue;
      const key = `${frame.functionName || '(anonymous)'}  ${shorten(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  }
  return totals;
}

function shorten(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '');
}
