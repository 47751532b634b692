import { z } from 'zod';
import { boundText, listProblems, parseYamlBounded, readInputFile } from '../../scenarios/index.js';
import { InputError } from '../../scenarios/input-error.js';

const fraction = z.number().min(0).max(1);

/**
 * A budget file: how much erosion is allowed, by default, per monitor kind and per scenario.
 * The most specific entry wins: scenario monitor, scenario, monitor kind, file default, --max-erosion.
 */
export const budgetFileSchema = z
  .object({
    maxErosion: fraction.optional(),
    monitors: z.record(z.string(), fraction).default({}),
    scenarios: z
      .record(
        z.string(),
        z
          .object({
            maxErosion: fraction.optional(),
            monitors: z.record(z.string(), fraction).default({}),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type BudgetFile = z.infer<typeof budgetFileSchema>;

export interface Budget {
  maxErosion: number;
  file: string | null;
  spec: BudgetFile;
}

export class BudgetError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetError';
  }
}

export function parseBudgetFile(text: string, source: string): BudgetFile {
  const read = parseYamlBounded(text, 'budget file');
  if ('problems' in read) throw new BudgetError(`${boundText(source)}: invalid budget file\n${listProblems(read.problems)}`);
  const parsed = budgetFileSchema.safeParse(read.value ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new BudgetError(`${boundText(source)}: invalid budget file\n${listProblems(issues)}`);
  }
  return parsed.data;
}

export function loadBudget(file: string | undefined, maxErosionFlag: number | undefined): Budget {
  const empty: BudgetFile = { monitors: {}, scenarios: {} };
  let spec = empty;
  if (file !== undefined) {
    let text: string;
    try {
      text = readInputFile(file, 'budget file');
    } catch (err) {
      throw new BudgetError(`${boundText(file)}: cannot read budget file: ${boundText((err as Error).message)}`);
    }
    spec = parseBudgetFile(text, file);
  }
  return { maxErosion: maxErosionFlag ?? spec.maxErosion ?? 0, file: file ?? null, spec };
}

export function scenarioBudget(b: Budget, scenarioId: string): number {
  return (Object.hasOwn(b.spec.scenarios, scenarioId) ? b.spec.scenarios[scenarioId]?.maxErosion : undefined) ?? b.maxErosion;
}

/**
 * As REPORT-SCHEMA.md documents it, the most specific entry wins: this scenario's entry for the
 * monitor, then this scenario's own budget, then the file's entry for the monitor, then the
 * default. A scenario entry is where a user speaks of one site, so it beats a rule for all sites.
 */
export function monitorBudget(b: Budget, scenarioId: string, monitorId: string): number {
  const scenario = Object.hasOwn(b.spec.scenarios, scenarioId) ? b.spec.scenarios[scenarioId] : undefined;
  const own = scenario && Object.hasOwn(scenario.monitors, monitorId) ? scenario.monitors[monitorId] : undefined;
  const kind = Object.hasOwn(b.spec.monitors, monitorId) ? b.spec.monitors[monitorId] : undefined;
  return own ?? scenario?.maxErosion ?? kind ?? b.maxErosion;
}
