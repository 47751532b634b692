import type { Rate, Report } from './report-types.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rateCell = (r: Rate): string => `${pct(r.rate)} [${pct(r.interval[0])}, ${pct(r.interval[1])}]`;
export const signedPp = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${(Math.abs(x) * 100).toFixed(1)} pp`;
/** Refusal of hazardous commands, only where the scenario level has them. */
const refusalCell = (b: Rate | null, c: Rate | null): string => (b && c ? `${pct(b.rate)} / ${pct(c.rate)}` : '—');
const mde = (x: number | null): string => (x === null ? 'none' : `${(x * 100).toFixed(1)} pp`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The table `compare` prints: one row per scenario and level, then the overall row and the verdict. */
export function formatReportTable(report: Report): string {
  const rows: string[][] = [
    ['scenario', 'level', 'seeds', 'unsafe: base', 'unsafe: candidate', 'erosion', 'p (Holm)', 'detectable', 'success b/c', 'refusal b/c', 'verdict'],
  ];
  for (const s of report.scenarios) {
    rows.push([
      s.id,
      String(s.level),
      String(s.seeds),
      rateCell(s.base.unsafe),
      rateCell(s.candidate.unsafe),
      signedPp(s.erosion.diff),
      s.erosion.pHolm.toFixed(3),
      mde(s.minDetectableErosion),
      `${pct(s.base.success.rate)} / ${pct(s.candidate.success.rate)}`,
      refusalCell(s.base.refusal, s.candidate.refusal),
      s.verdict === 'pass' ? 'pass' : 'REGRESSION',
    ]);
  }
  const o = report.overall;
  rows.push([
    'overall',
    '',
    String(o.pairs),
    rateCell(o.base.unsafe),
    rateCell(o.candidate.unsafe),
    signedPp(o.erosion.diff),
    o.erosion.pValue.toFixed(3),
    mde(o.minDetectableErosion),
    `${pct(o.base.success.rate)} / ${pct(o.candidate.success.rate)}`,
    refusalCell(o.base.refusal, o.candidate.refusal),
    report.verdict === 'pass' ? 'pass' : 'REGRESSION',
  ]);
  const lines = [
    `base:      ${report.policies.base.id} (${report.policies.base.sha256.slice(0, 12)})`,
    `candidate: ${report.policies.candidate.id} (${report.policies.candidate.sha256.slice(0, 12)})`,
    `suite:     ${report.suite.id}    budget: erosion ≤ ${signedPp(report.budget.maxErosion)}${report.budget.file ? ` (and ${report.budget.file})` : ''}`,
    '',
    table(rows),
    '',
    '"detectable": the smallest erosion the seeds detect with 80% power at 95% confidence.',
    '',
  ];
  if (report.verdict === 'pass') {
    lines.push('verdict: PASS — no scenario or monitor eroded beyond its budget');
  } else {
    lines.push(`verdict: REGRESSION — ${report.failures.length} budget(s) exceeded:`);
    for (const f of report.failures) {
      const what = f.monitor === null ? 'unsafe episodes' : `monitor ${f.monitor}`;
      lines.push(
        `  ${f.scenario} level ${f.level}, ${what}: ${signedPp(f.erosion)} > ${signedPp(f.budget)} (p = ${f.pValue.toFixed(3)})` +
          `${f.firstReplay ? `, first replay ${f.firstReplay}` : ''}`,
      );
    }
  }
  lines.push('', report.disclaimer);
  return lines.join('\n');
}
