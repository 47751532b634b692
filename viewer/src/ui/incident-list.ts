// The run's incident list: filter, sort, click to load.

import { describeWorst, filterIncidents, type Incident, type IncidentSort } from '../model/incident.js';

export class IncidentList {
  readonly root = document.createElement('nav');
  readonly #filter = document.createElement('input');
  readonly #sort = document.createElement('select');
  readonly #list = document.createElement('ol');
  readonly #skipped = document.createElement('section');
  #incidents: Incident[] = [];
  #selected: string | undefined;

  constructor(private readonly onSelect: (incident: Incident) => void) {
    this.root.id = 'incidents';
    this.#filter.id = 'incident-filter';
    this.#filter.placeholder = 'filter: scenario, monitor, policy…';
    this.#sort.id = 'incident-sort';
    for (const [value, label] of [
      ['severity', 'severity (how far past the limit)'],
      ['scenario', 'scenario'],
      ['seed', 'seed'],
    ]) {
      const option = document.createElement('option');
      option.value = value!;
      option.textContent = `sort: ${label}`;
      this.#sort.append(option);
    }
    this.#filter.oninput = () => this.#render();
    this.#sort.onchange = () => this.#render();
    const title = document.createElement('h2');
    title.textContent = 'Incidents';
    this.#skipped.id = 'skipped';
    this.#skipped.hidden = true;
    this.root.append(title, this.#filter, this.#sort, this.#list, this.#skipped);
  }

  /** Files of the run that were skipped or read only in part, each with why: nothing vanishes silently. */
  setProblems(problems: string[]): void {
    this.#skipped.hidden = problems.length === 0;
    const heading = document.createElement('h3');
    heading.textContent = `${problems.length} file${problems.length === 1 ? '' : 's'} skipped or read in part`;
    const list = document.createElement('ul');
    list.append(
      ...problems.map((problem) => {
        const li = document.createElement('li');
        li.textContent = problem;
        return li;
      }),
    );
    this.#skipped.replaceChildren(heading, list);
  }

  setIncidents(incidents: Incident[]): void {
    this.#incidents = incidents;
    this.#render();
  }

  get isEmpty(): boolean {
    return this.#incidents.length === 0;
  }

  select(path: string): void {
    this.#selected = path;
    this.#list.querySelectorAll('li').forEach((li) => li.classList.toggle('selected', li.dataset.path === path));
  }

  #render(): void {
    const rows = filterIncidents(this.#incidents, this.#filter.value, this.#sort.value as IncidentSort);
    this.#list.replaceChildren(
      ...rows.map((incident) => {
        const li = document.createElement('li');
        li.dataset.path = incident.path;
        li.className = `${incident.unsafe ? 'unsafe' : 'safe'}${incident.path === this.#selected ? ' selected' : ''}`;
        li.innerHTML = '<b></b><span class="meta"></span><span class="monitors"></span><span class="worst"></span>';
        const [b, meta, monitors, worstEl] = Array.from(li.children) as HTMLElement[];
        b!.textContent = `${incident.scenarioId} · L${incident.level} · seed ${incident.seed}`;
        meta!.textContent = `${incident.role}: ${incident.policyId} — ${incident.outcome}`;
        monitors!.textContent = incident.monitors.length ? incident.monitors.join(', ') : incident.unsafe ? 'unsafe' : 'no violation';
        if (incident.truncated)
          monitors!.textContent = `${incident.unsafe ? `unsafe before the cut: ${incident.monitors.join(', ')}` : 'no violation before the cut'}`;
        worstEl!.textContent = incident.worst ? `worst: ${describeWorst(incident.worst)}` : incident.truncated ? '' : 'worst: —';
        if (incident.truncated) {
          const cut = document.createElement('span');
          cut.className = 'cut';
          cut.textContent = `⚠ ${incident.truncated}`;
          li.append(cut);
        }
        li.onclick = () => this.onSelect(incident);
        return li;
      }),
    );
  }
}
