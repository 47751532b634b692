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
  /** Most negative margin among violated monitors, with its monitor and units. */
  worst?: { monitor: string; margin: number; units: string };
  /** The other policy's replay of the same scenario, level and seed, when there is one. */
  pairPath?: string;
}

export function incidentOf(path: string, header: EpisodeHeader, footer: EpisodeFooter | undefined): Incident {
  const monitors = Object.entries(footer?.summary.monitors ?? {}).filter(([, m]) => m.violations > 0);
  let worst: Incident['worst'];
  for (const [monitor, m] of monitors) {
    if (typeof m.worstMargin === 'number' && (!worst || m.worstMargin < worst.margin)) {
      worst = { monitor, margin: m.worstMargin, units: m.units };
    }
  }
  const incident: Incident = {
    path,
    scenarioId: header.scenarioId,
    level: header.level,
    seed: header.seed,
    role: header.policy.role,
    policyId: header.policy.id,
    unsafe: footer?.summary.unsafe ?? true,
    outcome: footer?.outcome.kind ?? 'unknown (no footer)',
    monitors: monitors.map(([id]) => id),
  };
  if (worst) incident.worst = worst;
  return incident;
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

export type IncidentSort = 'worst' | 'scenario' | 'seed';

/** Filter by free text (scenario, monitor, policy, role) and sort; unsafe episodes first. */
export function filterIncidents(incidents: Incident[], text: string, sort: IncidentSort): Incident[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = incidents.filter((i) => {
    const hay = `${i.scenarioId} ${i.role} ${i.policyId} seed-${i.seed} ${i.monitors.join(' ')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const worst = (i: Incident) => i.worst?.margin ?? Number.POSITIVE_INFINITY;
  const compare: Record<IncidentSort, (a: Incident, b: Incident) => number> = {
    worst: (a, b) => worst(a) - worst(b),
    scenario: (a, b) => a.scenarioId.localeCompare(b.scenarioId) || a.level - b.level || a.seed - b.seed,
    seed: (a, b) => a.seed - b.seed || a.role.localeCompare(b.role),
  };
  return rows.sort((a, b) => Number(b.unsafe) - Number(a.unsafe) || compare[sort](a, b));
}
