// One row of the incident list: an episode of the run, what it violated and how badly. Built from
// a header and footer alone, by the view server for a run folder or in the page for dropped files.

import type { EpisodeFooter, EpisodeHeader } from '../../../sim/record/episode-record.js';

export interface Incident {
  /** Where the replay is: a path inside the run folder, or the name of a dropped file. */
  path: string;
  scenarioId: string;
  level: number;
  seed: number;
  role: string;
  policyId: string;
  unsafe: boolean;
  outcome: string;
  monitors: string[];
  /**
   * The violated monitor that went furthest past its limit, relative to the limit (unit-free, so
   * metres, newtons and counts rank on one scale; as the report's episode severity).
   */
  worst?: { monitor: string; margin: number; value: number; limit: number; units: string; severity: number };
  /** How far past its limit the worst monitor went, relative to the limit (0.25 = 25 % past); 0 when safe. */
  severity: number;
  /** Set when the replay was cut short: what could be read of it (see truncatedIncident). */
  truncated?: string;
  /** The other policy's replay of the same scenario, level and seed, when there is one. */
  pairPath?: string;
}

/**
 * How far past its limit a monitor went, relative to the limit: the same measure as the report's
 * episode severity (sim/episode/episode-judge.ts). A zero limit (any contact, any depth into a
 * zone) has no scale: a breach of it counts as 1, fully past.
 */
export function severityOf(worstMargin: number, limit: number): number {
  if (!(worstMargin < 0)) return 0;
  return limit > 0 ? -worstMargin / limit : 1;
}

/** Units as a reader writes them after a number: none for a count or a ratio (recorded as "1"). */
export function unitSuffix(units: string): string {
  return units === '' || units === '1' ? '' : ` ${units}`;
}

const number = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(Math.abs(v) >= 1 ? 2 : 3));

/** "separation 0.52 m vs limit 1.40 m, 63 % past" — the worst breach of an episode in words. */
export function describeWorst(worst: NonNullable<Incident['worst']>): string {
  const u = unitSuffix(worst.units);
  const past = worst.limit > 0 ? `${Math.round(worst.severity * 100)} % past the limit` : 'past a zero limit';
  return `${worst.monitor} ${number(worst.value)}${u} vs limit ${number(worst.limit)}${u}, ${past}`;
}

/** Which episode a row is: where its replay is, and the scenario, level, seed and policy it ran. */
function episodeOf(path: string, header: EpisodeHeader): Pick<Incident, 'path' | 'scenarioId' | 'level' | 'seed' | 'role' | 'policyId'> {
  return { path, scenarioId: header.scenarioId, level: header.level, seed: header.seed, role: header.policy.role, policyId: header.policy.id };
}

export function incidentOf(path: string, header: EpisodeHeader, footer: EpisodeFooter | undefined): Incident {
  const monitors = Object.entries(footer?.summary.monitors ?? {}).filter(([, m]) => m.violations > 0);
  let worst: Incident['worst'];
  for (const [monitor, m] of monitors) {
    if (typeof m.worstMargin !== 'number') continue;
    const severity = severityOf(m.worstMargin, m.limit);
    if (!worst || severity > worst.severity) worst = { monitor, margin: m.worstMargin, value: m.worstValue, limit: m.limit, units: m.units, severity };
  }
  const incident: Incident = {
    ...episodeOf(path, header),
    unsafe: footer?.summary.unsafe ?? true,
    outcome: footer?.outcome.kind ?? 'unknown (no footer)',
    monitors: monitors.map(([id]) => id),
    severity: worst?.severity ?? 0,
  };
  if (worst) incident.worst = worst;
  return incident;
}

/**
 * The row of a replay cut short or damaged: what could be read of it, and what it violated before
 * the cut (so its row agrees with the markers on its timeline). `why` says what happened, e.g.
 * "truncated after 81234 bytes"; the row adds how far the replay could be read.
 */
export function cutIncident(path: string, header: EpisodeHeader, violated: string[], readToSec: number, why: string): Incident {
  return {
    ...episodeOf(path, header),
    unsafe: violated.length > 0,
    outcome: 'cut short',
    monitors: [...new Set(violated)],
    // Unknown how far past its limit: ranked after every whole unsafe episode, before safe ones.
    severity: 0,
    truncated: `${why}: read up to t = ${readToSec.toFixed(3)} s`,
  };
}

/** Links each episode to the other role on the same scenario, level and seed. */
export function pairIncidents(incidents: Incident[]): Incident[] {
  const key = (i: Incident) => `${i.scenarioId}#${i.level}#${i.seed}`;
  const byKey = new Map<string, Incident[]>();
  for (const i of incidents) byKey.set(key(i), [...(byKey.get(key(i)) ?? []), i]);
  return incidents.map((i) => {
    const others = byKey.get(key(i))!.filter((o) => o !== i && (o.role !== i.role || o.policyId !== i.policyId));
    const other = others.find((o) => o.role !== i.role) ?? others[0];
    return other ? { ...i, pairPath: other.path } : i;
  });
}

export type IncidentSort = 'severity' | 'scenario' | 'seed';

/** Filter by free text (scenario, monitor, policy, role) and sort; unsafe episodes first, the most severe on top. */
export function filterIncidents(incidents: Incident[], text: string, sort: IncidentSort = 'severity'): Incident[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = incidents.filter((i) => {
    const hay = `${i.scenarioId} ${i.role} ${i.policyId} seed-${i.seed} ${i.monitors.join(' ')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const compare: Record<IncidentSort, (a: Incident, b: Incident) => number> = {
    severity: (a, b) => b.severity - a.severity || a.path.localeCompare(b.path),
    scenario: (a, b) => a.scenarioId.localeCompare(b.scenarioId) || a.level - b.level || a.seed - b.seed,
    seed: (a, b) => a.seed - b.seed || a.role.localeCompare(b.role),
  };
  return rows.sort((a, b) => Number(b.unsafe) - Number(a.unsafe) || compare[sort](a, b));
}
