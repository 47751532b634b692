// The three outcomes in words a robotics engineer reads without statistics training; the terminal
// table, junit.xml and report.html all say them the same way.
import type { Report } from './report-types.js';
import type { RowVerdict } from './row-decision.js';

const pp = (x: number): string => `${(x * 100).toFixed(x * 100 === Math.round(x * 100) ? 0 : 1)} pp`;

export const VERDICT_LABEL: Record<RowVerdict, string> = { pass: 'pass', regression: 'REGRESSION', inconclusive: 'inconclusive' };

/** One line per outcome, with this report's numbers in it. */
export function verdictLegend(report: Report): string[] {
  const d = report.decision;
  if (d.gate === 'observed') {
    return ['Verdicts use the observed erosion against the budget, without a statistical test (--gate observed):', 'one seed more or less can flip them.'];
  }
  const confidence = `${((1 - d.alpha) * 100).toFixed(0)}%`;
  return [
    `REGRESSION    the candidate is less safe than the base by more than the budget, with ${confidence} confidence`,
    `              across the whole table (at most a ${(d.alpha * 100).toFixed(0)}% chance that any REGRESSION here is a false alarm).`,
    `pass          the candidate's erosion is shown, with ${confidence} confidence, to be below the budget + ${pp(d.margin)}.`,
    'inconclusive  too few seeds to say either; the list below says about how many more would decide it',
    '              (or let `compare --until-decided` add seeds until it is decided).',
  ];
}

/** The closing line of a report: what the verdict means and what to do next. */
export function verdictSentence(report: Report): string {
  if (report.verdict === 'pass') return 'verdict: PASS — every scenario and monitor is shown to stay within its budget + margin';
  if (report.verdict === 'regression') return `verdict: REGRESSION — ${report.failures.length} budget(s) exceeded beyond chance:`;
  return `verdict: INCONCLUSIVE — no regression shown, but ${report.undecided.length} row(s) need more seeds to pass:`;
}
