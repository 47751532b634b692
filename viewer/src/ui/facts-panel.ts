// The episode's facts: what ran (scenario and hash, seed, policy and sha256) and how it ended,
// plus what is violated at the moment on screen.

import { unitSuffix } from '../model/incident.js';
import type { ReplayModel, ViolatedSample } from '../model/replay-model.js';

function row(dl: HTMLElement, term: string, value: string, id?: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (id) dd.id = id;
  dl.append(dt, dd);
}

export class FactsPanel {
  readonly root = document.createElement('aside');
  readonly #now = document.createElement('div');
  readonly #facts = document.createElement('dl');

  constructor() {
    this.root.id = 'facts';
    this.#now.id = 'now';
    this.root.append(this.#facts, this.#now);
  }

  setEpisode(model: ReplayModel, pair: ReplayModel | undefined, divergenceSec: number | undefined): void {
    const { header, footer } = model.record;
    this.#facts.replaceChildren();
    row(this.#facts, 'scenario', `${header.scenarioId} (level ${header.level})`, 'fact-scenario');
    row(this.#facts, 'scenario hash', header.scenarioHash);
    row(this.#facts, 'seed', String(header.seed), 'fact-seed');
    row(this.#facts, 'policy', `${header.policy.id} (${header.policy.role})`, 'fact-policy');
    row(this.#facts, 'policy sha256', header.policy.sha256);
    const outcome = footer?.outcome;
    row(
      this.#facts,
      'outcome',
      outcome
        ? `${outcome.kind} at ${outcome.timeSec.toFixed(2)} s${'monitor' in outcome ? ` (${outcome.monitor})` : ''}${'message' in outcome ? ` (${outcome.message})` : ''}`
        : 'unknown: the file has no footer',
      'fact-outcome',
    );
    if (footer) row(this.#facts, 'unsafe', footer.summary.unsafe ? `yes, severity ${footer.summary.severity.toFixed(2)}` : 'no');
    row(this.#facts, 'engine', `erosion ${header.engine.erosion}, rapier ${header.engine.rapier}`);
    if (pair) {
      row(this.#facts, 'compared with', `${pair.record.header.policy.id} (${pair.record.header.policy.role})`, 'fact-pair');
      row(this.#facts, 'diverge at', divergenceSec === undefined ? 'never (same path)' : `${divergenceSec.toFixed(3)} s`, 'fact-divergence');
    }
  }

  showNow(violated: ViolatedSample[]): void {
    const text = violated.length
      ? violated
          .map(
            (s) =>
              `${s.monitor}: ${fmt(s.value)}${unitSuffix(s.units)} vs limit ${fmt(s.limit)}${unitSuffix(s.units)}${s.bodies ? ` (${s.bodies.join(' ↔ ')})` : ''}`,
          )
          .join('\n')
      : 'no monitor violated at this moment';
    if (this.#now.textContent !== text) {
      this.#now.textContent = text;
      this.#now.className = violated.length ? 'violated' : '';
    }
  }
}

function fmt(v: number): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : String(v);
}
