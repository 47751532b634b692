import type { Report } from '../report/report-types.js';
import { DEFAULT_DECISION, type DecisionSettings } from '../report/row-decision.js';
import { choiceOption, numberOption } from './parse-options.js';
import { EXIT } from './usage-error.js';

/** The options every command that decides a verdict takes (compare, merge). */
export const DECISION_OPTIONS = {
  alpha: { type: 'string' },
  margin: { type: 'string' },
  gate: { type: 'string' },
  inconclusive: { type: 'string' },
  'max-success-loss': { type: 'string' },
} as const;

export const DECISION_USAGE = `  --alpha        false-alarm rate of a REGRESSION across the whole table, one-sided (default 0.05)
  --margin       a pass shows the erosion is below budget + margin (default 0.10: about 25 paired
                 seeds without a discordant one reach it; more when the policies disagree)
  --gate         test (default): the three-way statistical decision; observed: the old rule, any
                 observed erosion above the budget fails (fails on noise; for teams that want it)
  --inconclusive exit code of an undecided run: exit3 (default), fail (1) or pass (0)
  --max-success-loss  also gate task-success loss (base − candidate success), same three-way decision`;

export interface DecisionChoice {
  decision?: Partial<DecisionSettings>;
  maxSuccessLoss?: number | null;
  inconclusive: 'exit3' | 'fail' | 'pass';
}

type DecisionValues = Partial<Record<keyof typeof DECISION_OPTIONS, string | undefined>>;

export function parseDecisionOptions(command: string, values: DecisionValues): DecisionChoice {
  const decision: Partial<DecisionSettings> = {};
  if (values.alpha !== undefined) decision.alpha = numberOption(command, 'alpha', values.alpha, DEFAULT_DECISION.alpha, (n) => n > 0 && n < 0.5);
  if (values.margin !== undefined) decision.margin = numberOption(command, 'margin', values.margin, DEFAULT_DECISION.margin, (n) => n > 0 && n < 1);
  const gate = choiceOption(command, 'gate', values.gate, ['test', 'observed'] as const);
  if (gate !== undefined) decision.gate = gate;
  const inconclusive = choiceOption(command, 'inconclusive', values.inconclusive, ['exit3', 'fail', 'pass'] as const) ?? 'exit3';
  const choice: DecisionChoice = { inconclusive };
  if (Object.keys(decision).length > 0) choice.decision = decision;
  if (values['max-success-loss'] !== undefined) {
    choice.maxSuccessLoss = numberOption(command, 'max-success-loss', values['max-success-loss'], 0, (n) => n >= 0 && n <= 1);
  }
  return choice;
}

/** The exit code of a verdict: 0 pass, 1 regression, 3 inconclusive unless the team asked for a binary gate. */
export function exitCodeOf(report: Report, inconclusive: DecisionChoice['inconclusive']): number {
  if (report.verdict === 'pass') return EXIT.pass;
  if (report.verdict === 'regression') return EXIT.regression;
  return inconclusive === 'fail' ? EXIT.regression : inconclusive === 'pass' ? EXIT.pass : EXIT.inconclusive;
}
