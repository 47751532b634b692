import type { Evaluated } from './evaluation-ledger.js';
import type { WorstMargin } from './pair-score.js';
import type { HuntResult } from './run-hunt.js';
import type { WrittenCounterexample } from './write-counterexample.js';

export const HUNT_REPORT_SCHEMA = 'erosion-hunt/1';

export const SEARCH_NOT_SAMPLING =
  'Counterexamples are found by search, not sampled: each shows a world where the candidate violates a monitor and the base, in the same world, does not. ' +
  'They say where the fine-tune can fail, not how often, and are never mixed into the rates compare reports.';

export interface WorldSummary {
  params: Record<string, number>;
  base: MarginSummary;
  candidate: MarginSummary;
  objective: number;
}

interface MarginSummary {
  unsafe: boolean;
  outcome: string;
  /** Worst normalised margin over the monitors (0 at a limit, negative past it). */
  normalisedMargin: number;
  monitor?: string;
  value?: number;
  limit?: number;
  margin?: number;
  units?: string;
  violations: Record<string, number>;
}

export interface HuntEntryReport {
  scenarioId: string;
  level: number;
  episodeSeed: number;
  searchSeed: number;
  parameters: Array<{ name: string; min: number; max: number; nominal: number }>;
  budgetEpisodes: number;
  searchEpisodes: number;
  shrinkEpisodes: number;
  episodesToFirstCounterexample: number | null;
  generations: number;
  restarts: number;
  closest: WorldSummary | null;
  counterexamples: Array<{
    scenarioId: string;
    scenarioFile: string;
    replays: { base: string; candidate: string };
    reproduced: boolean;
    found: WorldSummary;
    shrunk: WorldSummary;
    shrinking: Array<{ name: string; found: number; shrunk: number; nominal: number; result: string }>;
  }>;
}

export interface HuntReport {
  schema: typeof HUNT_REPORT_SCHEMA;
  note: string;
  base: string;
  candidate: string;
  hunts: HuntEntryReport[];
}

function margin(m: WorstMargin, r: Evaluated['result']['base']): MarginSummary {
  const out: MarginSummary = { unsafe: r.unsafe, outcome: r.outcome.kind, normalisedMargin: m.normalised, violations: r.violations };
  if (m.monitor !== undefined) Object.assign(out, { monitor: m.monitor, value: m.value, limit: m.limit, margin: m.margin, units: m.units });
  return out;
}

export function worldSummary(result: HuntResult, e: Evaluated): WorldSummary {
  return {
    params: Object.fromEntries(result.space.names.map((n, i) => [n, e.vector[i]!])),
    base: margin(e.score.base, e.result.base),
    candidate: margin(e.score.candidate, e.result.candidate),
    objective: e.score.objective,
  };
}

export function huntEntryReport(result: HuntResult, written: WrittenCounterexample[]): HuntEntryReport {
  const { space } = result;
  return {
    scenarioId: result.scenarioId,
    level: result.level,
    episodeSeed: result.episodeSeed,
    searchSeed: result.searchSeed,
    parameters: space.names.map((name, i) => ({ name, min: space.lower[i]!, max: space.upper[i]!, nominal: space.nominal[i]! })),
    budgetEpisodes: result.budgetEpisodes,
    searchEpisodes: result.searchEpisodes,
    shrinkEpisodes: result.shrinkEpisodes,
    episodesToFirstCounterexample: result.episodesToFirst ?? null,
    generations: result.generations,
    restarts: result.restarts,
    closest: result.best ? worldSummary(result, result.best) : null,
    counterexamples: result.counterexamples.map((c, i) => ({
      scenarioId: written[i]!.scenarioId,
      scenarioFile: written[i]!.scenarioFile,
      replays: written[i]!.replays,
      reproduced: written[i]!.reproduced,
      found: worldSummary(result, c.found),
      shrunk: worldSummary(result, c.shrunk),
      shrinking: c.steps.map((s) => ({ ...s })),
    })),
  };
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(4));

function marginText(m: MarginSummary): string {
  if (m.monitor === undefined) return 'no monitor active';
  return `${m.monitor} ${fmt(m.value!)} ${m.units} vs limit ${fmt(m.limit!)} (margin ${fmt(m.margin!)} ${m.units})`;
}

/** The terminal summary of a hunt report. */
export function huntTerminalText(report: HuntReport): string[] {
  const lines: string[] = [`hunt: ${report.candidate} (candidate) against ${report.base} (base)`];
  for (const h of report.hunts) {
    lines.push('');
    const first = h.episodesToFirstCounterexample === null ? 'none found' : `first after ${h.episodesToFirstCounterexample} episodes`;
    lines.push(
      `${h.scenarioId} level ${h.level}: ${h.parameters.length} parameters, ${h.searchEpisodes}/${h.budgetEpisodes} search episodes ` +
        `(${h.generations} generations, ${h.restarts} restarts), ${h.shrinkEpisodes} shrinking — ${h.counterexamples.length} counterexample(s), ${first}`,
    );
    if (h.counterexamples.length === 0 && h.closest) {
      lines.push(`  closest: candidate ${marginText(h.closest.candidate)}; base ${marginText(h.closest.base)}`);
    }
    h.counterexamples.forEach((c, i) => {
      lines.push(`  #${i + 1} ${c.scenarioFile}${c.reproduced ? '' : '  (NOT reproduced when the file was run again: scan noise differs)'}`);
      lines.push(`     candidate: ${marginText(c.shrunk.candidate)}`);
      lines.push(`     base:      ${c.shrunk.base.unsafe ? 'unsafe' : 'safe'}, closest ${marginText(c.shrunk.base)}`);
      const moved = c.shrinking.filter((s) => s.result === 'to-nominal').map((s) => s.name);
      const matter = c.shrinking.filter((s) => s.result === 'kept' || s.result === 'closer' || s.result === 'untried');
      lines.push(`     shrunk to nominal: ${moved.length > 0 ? moved.join(', ') : 'nothing'}`);
      for (const s of matter) lines.push(`     ${s.name} = ${fmt(s.shrunk)} (nominal ${fmt(s.nominal)}, found ${fmt(s.found)}; ${s.result})`);
      lines.push(`     replays: ${c.replays.base}, ${c.replays.candidate}`);
    });
  }
  lines.push('', report.note);
  return lines;
}
