// Composes the viewer: sources of replays, the 3D view, timeline, plots, facts and the incident
// list, and the one render loop that ties them to the playback clock.

import type { ReplayInput } from './decode/decode-messages.js';
import { ReplayDecoder, type DecodeResult } from './decode/replay-decoder.js';
import { divergenceTimeSec } from './model/divergence.js';
import { STATUS } from './decode/episode-columns.js';
import { cutIncident, filterIncidents, incidentOf, pairIncidents, type Incident } from './model/incident.js';
import { buildReplayModel, nextViolation, previousViolation, stepIndexAt, violatedAt, type ReplayModel } from './model/replay-model.js';
import { benchTopM } from '../../sim/record/record-scene.js';
import { EpisodeStage } from './scene/episode-stage.js';
import { SceneView } from './scene/scene-view.js';
import { FactsPanel } from './ui/facts-panel.js';
import { IncidentList } from './ui/incident-list.js';
import { PlaybackClock } from './ui/playback-clock.js';
import { Plots } from './ui/plots.js';
import { Timeline } from './ui/timeline.js';
import { formatUrlState, readUrlState, type CompareMode } from './ui/url-state.js';

/** Where a replay comes from: a URL on the view server (fetched by the decoder), or dropped bytes. */
export type ByteSource = (path: string) => ReplayInput;

export { urlInput } from './load/url-input.js';

export interface ViewerStats {
  /** From asking for the replay to its first frame on screen. */
  loadMs: number;
  /** performance.now() at that first frame: milliseconds since the page's navigation started. */
  firstFrameAtMs: number;
  /** Where loading time went, in ms: fetch, decode (overlapping), after the last byte, hand-over, model, scene, first frame. */
  phases: Record<string, number>;
  /** When the primary replay's loading steps happened, in ms since navigation: requested, worker up,
   * first and last byte, decoded, received by the page, first frame. */
  timeline: Record<string, number>;
  /** Where the replay was decoded ('worker' or 'main') and by which path ('fast' or 'reference'). */
  decoder: string;
  frames: number;
  state: 'empty' | 'loading' | 'ready' | 'error';
}

/** The list row of a loaded replay; one read only in part says so and what it violated before the cut. */
function incidentOfModel(path: string, model: ReplayModel): Incident {
  const { header, footer } = model.record;
  if (!model.problem) return incidentOf(path, header, footer);
  const violated = model.columns.monitors.filter((m) => m.status.includes(STATUS.violated)).map((m) => m.id);
  const why = / truncated after \d+ bytes/.exec(model.problem)?.[0]?.trim() ?? 'damaged';
  return cutIncident(path, header, [...violated, ...model.violations.map((v) => v.monitor)], model.durationSec, why);
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class ViewerApp {
  readonly stats: ViewerStats = { loadMs: 0, firstFrameAtMs: 0, phases: {}, timeline: {}, decoder: '', frames: 0, state: 'empty' };
  readonly #decoder: ReplayDecoder;
  readonly #view: SceneView;
  readonly #timeline: Timeline;
  readonly #plots = new Plots();
  readonly #facts = new FactsPanel();
  readonly #incidents: IncidentList;
  #clock = new PlaybackClock(0);
  #model: ReplayModel | undefined;
  #pair: ReplayModel | undefined;
  #stages: EpisodeStage[] = [];
  #compare: CompareMode;
  #source: ByteSource | undefined;
  #episodePath: string | undefined;
  #shownTime = Number.NaN;
  #lastUrlMs = 0;
  #loadToken = 0;
  #shownState: EpisodeStage['state'] | undefined;

  /** `decoder` may already be decoding this page's replay (see main.ts). */
  constructor(
    private readonly root: HTMLElement,
    decoder = new ReplayDecoder(),
  ) {
    this.#decoder = decoder;
    this.#view = new SceneView(byId('view'));
    // Shader programs compile while the replay is fetched and decoded, not at its first frame.
    void this.#view.warmUp();
    this.#timeline = new Timeline({
      togglePlay: () => this.#clock.toggle(),
      step: (d) => this.step(d),
      seek: (t) => this.seek(t),
      setSpeed: (s) => (this.#clock.speed = s),
      nextViolation: () => this.jumpToViolation(1),
    });
    this.#incidents = new IncidentList((incident) => void this.open(incident));
    byId('bottom').append(this.#timeline.root, this.#plots.root);
    byId('side').append(this.#incidents.root);
    byId('right').append(this.#facts.root);
    this.#compare = readUrlState(location.hash).compare;
    byId<HTMLSelectElement>('compare').value = this.#compare;
    byId<HTMLSelectElement>('compare').onchange = (e) => this.setCompare((e.target as HTMLSelectElement).value as CompareMode);
    byId<HTMLInputElement>('show-scan').onchange = (e) => this.setScanVisible((e.target as HTMLInputElement).checked);
    window.addEventListener('keydown', (e) => this.#onKey(e));
    this.#setState('empty');
    requestAnimationFrame((ms) => this.#frame(ms));
  }

  /** The episode on screen, for tests and the benchmark. */
  get model(): ReplayModel | undefined {
    return this.#model;
  }

  /** Names of the visible objects of the episode's 3D scene, for tests: what is drawn, by name. */
  sceneNames(): string[] {
    const names = new Set<string>();
    this.#stages[0]?.scene.traverseVisible((o) => {
      if (o.name) names.add(o.name);
    });
    return [...names];
  }

  /** What is drawn in violation red on the (left) stage at the moment shown, for tests. */
  redNames(): string[] {
    return this.#stages[0]?.redNames() ?? [];
  }

  /** Shows or hides the scan rays, and draws the change even while paused. */
  setScanVisible(visible: boolean): void {
    byId<HTMLInputElement>('show-scan').checked = visible;
    for (const stage of this.#stages) stage.setScanVisible(visible);
    this.#view.render();
  }

  /** The run's episodes, and the files skipped or read in part (listed under them, with why). */
  setIncidents(incidents: Incident[], source: ByteSource, problems: string[] = []): void {
    this.#source = source;
    this.#incidents.setIncidents(pairIncidents(incidents));
    this.#incidents.setProblems(problems);
  }

  /**
   * Loads an incident and, when the other policy ran the same seed, its pair. `decoding` and
   * `pairDecoding` are decodes of them already under way (started before the page set up).
   */
  async open(
    incident: Pick<Incident, 'path' | 'pairPath'>,
    timeSec?: number,
    decoding?: Promise<DecodeResult>,
    pairDecoding?: Promise<DecodeResult>,
  ): Promise<void> {
    if (!this.#source) return;
    const token = ++this.#loadToken;
    const started = performance.now();
    this.stats.phases = {};
    this.stats.timeline = {};
    this.#setState('loading', `loading ${incident.path}…`);
    try {
      const [model, pair] = await Promise.all([
        this.#loadModel(incident.path, decoding, true),
        incident.pairPath ? this.#loadModel(incident.pairPath, pairDecoding).catch(() => undefined) : undefined,
      ]);
      if (token !== this.#loadToken) return;
      this.#episodePath = incident.path;
      if (this.#incidents.isEmpty) this.#incidents.setIncidents([incidentOfModel(incident.path, model)]);
      this.#incidents.select(incident.path);
      const shown = performance.now();
      this.#show(model, pair, timeSec);
      for (const stage of this.#stages) stage.showTime(this.#clock.timeSec);
      this.stats.phases.scene = performance.now() - shown;
      this.#view.render();
      const now = performance.now();
      this.stats.phases.firstFrame = now - shown - this.stats.phases.scene;
      this.stats.loadMs = now - started;
      this.stats.firstFrameAtMs = now;
      this.stats.timeline.firstFrame = now;
      this.#setState('ready', model.problem ? `⚠ ${model.problem} — showing what could be read` : '', Boolean(model.problem));
    } catch (error) {
      if (token === this.#loadToken) this.#setState('error', (error as Error).message);
    }
  }

  async #loadModel(path: string, decoding?: Promise<DecodeResult>, primary = false): Promise<ReplayModel> {
    const phases = this.stats.phases;
    const { replay, timing, where } = await (decoding ?? this.#decoder.decode(this.#source!(path), path));
    const received = performance.now();
    const model = buildReplayModel(replay);
    const add = (name: string, ms: number) => (phases[name] = (phases[name] ?? 0) + ms);
    const at = timing.at;
    const page = (ms: number) => ms - performance.timeOrigin;
    add('fetch', timing.fetch);
    add('decode', timing.decode);
    // Decoding left after the last byte: what streaming could not hide.
    add('tail', at.done - at.lastByte);
    // The columns' trip back to the page (and any wait for the page to take them).
    add('handover', Math.max(0, received - page(at.done)));
    add('model', performance.now() - received);
    if (primary) {
      const t = this.stats.timeline;
      t.requested = page(timing.requested);
      if (at.workerUp !== undefined) t.workerUp = page(at.workerUp);
      t.fetchStart = page(at.start);
      t.firstByte = page(at.firstByte);
      t.lastByte = page(at.lastByte);
      t.decoded = page(at.done);
      t.received = received;
    }
    this.stats.decoder = `${where}/${replay.path}`;
    return model;
  }

  #show(model: ReplayModel, pair: ReplayModel | undefined, timeSec: number | undefined): void {
    this.#stages.forEach((s) => s.dispose());
    this.#model = model;
    this.#pair = pair;
    this.#clock = new PlaybackClock(model.durationSec);
    this.#clock.seek(timeSec ?? 0);
    const divergence = pair ? divergenceTimeSec(model, pair) : undefined;
    this.#timeline.setEpisode(model.durationSec, model.violations, divergence);
    this.#plots.setEpisode(model);
    this.#facts.setEpisode(model, pair, divergence);
    const cell = model.scene.arm;
    if (cell) {
      // Over the bench, a little above its top where the work happens.
      const { centerM: c, sizeM: size } = cell.table ?? { centerM: cell.mountM, sizeM: { xM: 1.2, yM: 1.2 } };
      this.#view.frameCell({ x: c.xM, y: c.yM, z: benchTopM(cell) + (cell.table ? 0.2 : 0) }, Math.max(size.xM, size.yM) + 0.6);
    } else this.#view.frameArena(model.scene.arena.lengthM, model.scene.arena.widthM);
    this.#buildStages();
  }

  #buildStages(): void {
    this.#stages.forEach((s) => s.dispose());
    if (!this.#model) return;
    const primary = new EpisodeStage(this.#model);
    this.#stages = [primary];
    if (this.#pair && this.#compare === 'ghost') primary.setGhost(this.#pair);
    if (this.#pair && this.#compare === 'split') this.#stages.push(new EpisodeStage(this.#pair));
    const scan = byId<HTMLInputElement>('show-scan').checked;
    for (const stage of this.#stages) stage.setScanVisible(scan);
    this.#view.setStages(this.#stages);
    this.root.dataset.compare = this.#pair ? this.#compare : 'off';
    const labels = byId('split-labels');
    labels.hidden = this.#stages.length < 2;
    if (this.#pair) {
      // Each half names its policy: role and id.
      const name = ({ record: { header } }: ReplayModel) => (header.policy.role === 'single' ? header.policy.id : `${header.policy.role}: ${header.policy.id}`);
      const [left, right] = Array.from(labels.children) as HTMLElement[];
      left!.textContent = name(this.#model);
      right!.textContent = name(this.#pair);
    }
    this.#shownTime = Number.NaN;
  }

  setCompare(mode: CompareMode): void {
    this.#compare = mode;
    byId<HTMLSelectElement>('compare').value = mode;
    // Nothing to compare with: say so rather than change nothing.
    if (mode !== 'off' && this.#model && !this.#pair) {
      this.#setState(
        this.stats.state === 'ready' ? 'ready' : this.stats.state,
        'No other policy ran this scenario, level and seed in this run: there is nothing to compare with.',
        true,
      );
      byId('message').dataset.kind = 'no-pair';
    } else if (byId('message').dataset.kind === 'no-pair') {
      this.#setState(this.stats.state, '');
    }
    this.#buildStages();
  }

  seek(timeSec: number): void {
    this.#clock.playing = false;
    this.#clock.seek(timeSec);
  }

  step(direction: 1 | -1): void {
    if (!this.#model) return;
    const i = stepIndexAt(this.#model.times, this.#clock.timeSec) + direction;
    this.seek(this.#model.times[Math.max(0, Math.min(this.#model.times.length - 1, i))] ?? 0);
  }

  jumpToViolation(direction: 1 | -1): void {
    if (!this.#model) return;
    const target = direction > 0 ? nextViolation(this.#model, this.#clock.timeSec) : previousViolation(this.#model, this.#clock.timeSec);
    if (target) this.seek(target.timeSec);
  }

  #onKey(e: KeyboardEvent): void {
    if ((e.target as HTMLElement)?.tagName === 'INPUT') return;
    const speeds = Timeline.SPEEDS;
    const speedAt = speeds.indexOf(this.#clock.speed);
    const actions: Record<string, () => void> = {
      ' ': () => this.#clock.toggle(),
      ArrowRight: () => this.step(1),
      ArrowLeft: () => this.step(-1),
      n: () => this.jumpToViolation(1),
      p: () => this.jumpToViolation(-1),
      ']': () => (this.#clock.speed = speeds[Math.min(speeds.length - 1, speedAt + 1)]!),
      '[': () => (this.#clock.speed = speeds[Math.max(0, speedAt - 1)]!),
      s: () => this.setScanVisible(!byId<HTMLInputElement>('show-scan').checked),
      c: () => this.setCompare(this.#compare === 'off' ? 'ghost' : this.#compare === 'ghost' ? 'split' : 'off'),
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  #frame(wallMs: number): void {
    requestAnimationFrame((ms) => this.#frame(ms));
    const model = this.#model;
    if (!model) return;
    const t = this.#clock.tick(wallMs);
    if (t !== this.#shownTime) {
      this.#shownTime = t;
      for (const stage of this.#stages) stage.showTime(t);
      this.#view.render();
      this.stats.frames++;
      this.#timeline.show(t, this.#clock.playing, this.#clock.speed);
      this.#plots.show(t, model.durationSec);
      this.#facts.showNow(violatedAt(model, stepIndexAt(model.times, t)));
      const state = this.#stages[0]?.state;
      if (state !== this.#shownState) {
        // The stage replaces its state object only when the highlights change.
        this.#shownState = state;
        this.root.dataset.highlighted = Object.entries(state?.highlighted ?? {})
          .map(([id, r]) => `${id}:${r.join('+')}`)
          .join(' ');
      }
    } else {
      this.#timeline.show(t, this.#clock.playing, this.#clock.speed);
    }
    // The URL follows the moment; while playing only once a second: a history update costs a
    // few milliseconds of the page's thread, a frame dropped each time.
    if (wallMs - this.#lastUrlMs > 1000 || !this.#clock.playing) {
      this.#lastUrlMs = wallMs;
      const hash = formatUrlState({ episode: this.#episodePath, timeSec: t, compare: this.#compare });
      if (hash !== location.hash) history.replaceState(null, '', hash);
    }
  }

  #setState(state: ViewerStats['state'], message = '', warn = false): void {
    this.stats.state = state;
    this.root.dataset.state = state;
    const box = byId('message');
    delete box.dataset.kind;
    box.textContent = message;
    box.className = state === 'error' ? 'error' : warn ? 'warn' : '';
    box.hidden = !message;
  }

  showError(message: string): void {
    this.#setState('error', message);
  }

  /** Dropped files: each parsed once for its list row, then served from memory. */
  async openFiles(files: File[]): Promise<void> {
    const bytes = new Map<string, Uint8Array>();
    const incidents: Incident[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const data = new Uint8Array(await file.arrayBuffer());
      try {
        const { replay } = await this.#decoder.decode({ bytes: data }, file.name);
        bytes.set(file.name, data);
        incidents.push(incidentOfModel(file.name, buildReplayModel(replay)));
        if (replay.problem) problems.push(replay.problem);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    this.setIncidents(incidents, (path) => ({ bytes: bytes.get(path) ?? new Uint8Array() }), problems);
    const first = filterIncidents(pairIncidents(incidents), '')[0];
    if (first) await this.open(first);
    if (problems.length) this.#setState(first ? 'ready' : 'error', problems.join('\n'), Boolean(first));
  }
}
