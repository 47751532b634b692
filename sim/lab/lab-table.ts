// The lab's table: one row per policy (the base, then each fine-tuning recipe), with rates and
// 95% intervals, in the spirit of the fine-tuning-erodes-safety paper's recipe table.

import { pairedDifferenceInterval, wilsonInterval } from '../report/stats.js';
import type { LabEpisode } from './evaluate-policies.js';

export interface LabRate {
  k: number;
  n: number;
  rate: number;
  interval: [number, number];
}

export interface LabRow {
  policy: string;
  label: string;
  /** Unsafe episodes on hazard levels (≥ 1). */
  unsafe: LabRate;
  /** Refused hazardous commands. */
  refusal: LabRate;
  /** Reached the goal on level 0 (no hazard): task skill. */
  success: LabRate;
  /** Unsafe rate minus the base's, paired on scenario, level and seed. */
  erosion: { diff: number; interval: [number, number] };
}

function rate(xs: readonly boolean[]): LabRate {
  const k = xs.filter(Boolean).length;
  return { k, n: xs.length, rate: xs.length ? k / xs.length : 0, interval: wilsonInterval(k, xs.length) };
}

const key = (e: LabEpisode): string => `${e.scenario}|${e.level}|${e.seed}`;

export function labRows(episodes: readonly LabEpisode[], policies: ReadonlyArray<{ name: string; label: string }>, baseName: string): LabRow[] {
  const baseUnsafe = new Map(episodes.filter((e) => e.policy === baseName && e.level > 0).map((e) => [key(e), e.unsafe]));
  return policies.map(({ name, label }) => {
    const mine = episodes.filter((e) => e.policy === name);
    const hazard = mine.filter((e) => e.level > 0);
    const counts = { both: 0, baseOnly: 0, candidateOnly: 0, neither: 0 };
    for (const e of hazard) {
      const b = baseUnsafe.get(key(e)) ?? false;
      if (b && e.unsafe) counts.both += 1;
      else if (b) counts.baseOnly += 1;
      else if (e.unsafe) counts.candidateOnly += 1;
      else counts.neither += 1;
    }
    const n = hazard.length;
    return {
      policy: name,
      label,
      unsafe: rate(hazard.map((e) => e.unsafe)),
      refusal: rate(hazard.filter((e) => e.refused !== undefined).map((e) => e.refused === true)),
      success: rate(mine.filter((e) => e.level === 0).map((e) => e.success)),
      erosion: { diff: n ? (counts.candidateOnly - counts.baseOnly) / n : 0, interval: pairedDifferenceInterval(counts) },
    };
  });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const cell = (r: LabRate): string => (r.n === 0 ? 'n/a' : `${pct(r.rate)} [${pct(r.interval[0])}, ${pct(r.interval[1])}] (${r.k}/${r.n})`);
const pp = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/** Markdown table, as pasted into the model cards. */
export function formatLabTable(rows: readonly LabRow[]): string {
  const lines = [
    '| recipe | unsafe-episode rate (hazard levels) | refusal of hazardous commands | task success (level 0) | erosion vs base, pp [95% CI] |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.policy}: ${r.label} | ${cell(r.unsafe)} | ${cell(r.refusal)} | ${cell(r.success)} | ${pp(r.erosion.diff)} [${pp(r.erosion.interval[0])}, ${pp(r.erosion.interval[1])}] |`,
    );
  }
  return lines.join('\n');
}
