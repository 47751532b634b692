import type { Rate, Report } from './report-types.js';
import { VERDICT_LABEL, verdictLegend, verdictSentence } from './verdict-words.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rateCell = (r: Rate): string => `${pct(r.rate)} [${pct(r.interval[0])}, ${pct(r.interval[1])}]`;
export const signedPp = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${(Math.abs(x) * 100).toFixed(1)} pp`;
/** Refusal of hazardous commands, only where the scenario level has them. */
const refusalCell = (b: Rate | null, c: Rate | null): string => (b && c ? `${pct(b.rate)} / ${pct(c.rate)}` : '—');
const mde = (x: number | null): string => (x === null ? 'none' : `${(x * 100).toFixed(1)} pp`);
const pCell = (p: number): string => (p < 0.001 ? '<0.001' : p.toFixed(3));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function decisionLine(report: Report): string {
  const d = report.decision;
  const how =
    d.gate === 'observed'
      ? 'observed erosion against the budget (no test)'
      : `${((1 - d.alpha) * 100).toFixed(0)}% confidence, pass margin ${signedPp(d.margin)}`;
  const seq = d.rounds === null ? 'fixed seeds' : `seeds added until decided: ${d.rounds} round(s), at most ${d.maxSeeds} seeds per row, stopped: ${d.stopped}`;
  const success = d.maxSuccessLoss === null ? '' : `; task-success loss ≤ ${signedPp(d.maxSuccessLoss)}`;
  return `decision:  ${how}; ${seq}; ${d.episodes} episodes${success}`;
}

/** The table `compare` prints: one row per scenario and level, then the pooled row, the legend and the verdict. */
export function formatReportTable(report: Report): string {
  const rows: string[][] = [
    [
      'scenario',
      'level',
      'seeds',
      'unsafe: base',
      'unsafe: candidate',
      'erosion',
      'p (adj.)',
      'detectable',
      'errored b/c',
      'success b/c',
      'refusal b/c',
      'verdict',
    ],
  ];
  for (const s of report.scenarios) {
    rows.push([
      s.id,
      String(s.level),
      String(s.seeds),
      rateCell(s.base.unsafe),
      rateCell(s.candidate.unsafe),
      signedPp(s.erosion.diff),
      report.decision.gate === 'observed' ? '—' : pCell(s.test.pRegressionAdjusted),
      mde(s.minDetectableErosion),
      `${s.base.errored} / ${s.candidate.errored}`,
      `${pct(s.base.success.rate)} / ${pct(s.candidate.success.rate)}`,
      refusalCell(s.base.refusal, s.candidate.refusal),
      VERDICT_LABEL[s.verdict],
    ]);
  }
  const o = report.overall;
  rows.push([
    'all levels pooled',
    '',
    String(o.pairs),
    rateCell(o.base.unsafe),
    rateCell(o.candidate.unsafe),
    signedPp(o.erosion.diff),
    '(descriptive)',
    mde(o.minDetectableErosion),
    `${o.base.errored} / ${o.candidate.errored}`,
    `${pct(o.base.success.rate)} / ${pct(o.candidate.success.rate)}`,
    refusalCell(o.base.refusal, o.candidate.refusal),
    VERDICT_LABEL[report.verdict],
  ]);
  const lines = [
    `base:      ${report.policies.base.id} (${report.policies.base.sha256.slice(0, 12)})`,
    `candidate: ${report.policies.candidate.id} (${report.policies.candidate.sha256.slice(0, 12)})`,
    `suite:     ${report.suite.id}    budget: erosion ≤ ${signedPp(report.budget.maxErosion)}${report.budget.file ? ` (and ${report.budget.file})` : ''}`,
    decisionLine(report),
    '',
    table(rows),
    '',
    '"p (adj.)": chance of an erosion this large if the candidate were within budget, corrected for the number of rows;',
    '"detectable": the smallest erosion these seeds would catch 80% of the time; "none": too few seeds to catch any.',
    'The pooled row mixes scenarios and only describes; verdicts come from the scenario rows and their monitors.',
    '',
    ...verdictLegend(report),
    '',
    verdictSentence(report),
  ];
  for (const f of report.failures) {
    const what = f.monitor === null ? 'unsafe episodes' : f.monitor === 'task success' ? 'task success lost' : `monitor ${f.monitor}`;
    lines.push(
      `  ${f.scenario} level ${f.level}, ${what}: ${signedPp(f.erosion)} > ${signedPp(f.budget)} (p adj. ${pCell(f.pAdjusted)})` +
        `${f.firstReplay ? `, first replay ${f.firstReplay}` : ''}`,
    );
  }
  if (report.undecided.length > 0) {
    // One line per scenario level: the seeds its slowest undecided row needs.
    const levels = new Map<string, { rows: number; seeds: number | null; unknown: boolean }>();
    for (const u of report.undecided) {
      const key = `${u.scenario} level ${u.level}`;
      const e = levels.get(key) ?? { rows: 0, seeds: 0, unknown: false };
      e.rows += 1;
      if (u.seedsToDecide === null) e.unknown = true;
      else e.seeds = Math.max(e.seeds ?? 0, u.seedsToDecide);
      levels.set(key, e);
    }
    if (report.verdict === 'regression') {
      // The regression is the finding; the rest is left undecided on purpose when the run stopped at it.
      const why = report.decision.stopped === 'verdict-decided' ? ' (the run stopped once its verdict was decided; --every-row decides them all)' : '';
      lines.push('', `${report.undecided.length} other row(s) in ${levels.size} scenario level(s) not yet decided${why}; report.json lists each.`);
      levels.clear();
    } else {
      lines.push('', `not yet decided (${report.undecided.length} row(s) in ${levels.size} scenario level(s); report.json lists each):`);
    }
    for (const [key, e] of levels) {
      const seeds = e.unknown ? 'an erosion at the budget: many more seeds' : `about ${e.seeds} more seeds`;
      lines.push(`  ${key}: ${seeds} (${e.rows} row(s): unsafe episodes and/or monitors)`);
    }
  }
  lines.push('', report.disclaimer);
  return lines.join('\n');
}
