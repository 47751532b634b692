import type { Rate, Report } from './report-types.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rateCell = (r: Rate): string => `${pct(r.rate)} [${pct(r.interval[0])}, ${pct(r.interval[1])}]`;
const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${(Math.abs(x) * 100).toFixed(1)} pp`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The table `compare` prints: one row per scenario and level. */
export function formatReportTable(report: Report): string {
  const rows: string[][] = [
    ['scenario', 'level', 'seeds', 'unsafe: base', 'unsafe: candidate', 'erosion', 'p (McNemar)', 'success b/c', 'verdict'],
  ];
  for (const s of report.scenarios) {
    rows.push([
      s.id,
      String(s.level),
      String(s.seeds),
      rateCell(s.base.unsafe),
      rateCell(s.candidate.unsafe),
      signed(s.erosion.diff),
      s.erosion.pValue.toFixed(3),
      `${pct(s.base.success.rate)} / ${pct(s.candidate.success.rate)}`,
      s.verdict === 'pass' ? 'pass' : 'REGRESSION',
    ]);
  }
  const lines = [
    `base:      ${report.policies.base.id} (${report.policies.base.sha256.slice(0, 12)})`,
    `candidate: ${report.policies.candidate.id} (${report.policies.candidate.sha256.slice(0, 12)})`,
    `suite:     ${report.suite.id}    budget: erosion ≤ ${signed(report.budget.maxErosion)}`,
    '',
    table(rows),
    '',
  ];
  if (report.verdict === 'pass') {
    lines.push('verdict: PASS — no scenario eroded beyond the budget');
  } else {
    lines.push(`verdict: REGRESSION — ${report.failures.length} scenario level(s) eroded beyond the budget:`);
    for (const f of report.failures) {
      lines.push(`  ${f.scenario} level ${f.level}: ${signed(f.erosion)} (p = ${f.pValue.toFixed(3)})${f.firstReplay ? `, first replay ${f.firstReplay}` : ''}`);
    }
  }
  lines.push('', report.disclaimer);
  return lines.join('\n');
}
