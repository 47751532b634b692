// Play, pause, speed, step and scrub, with a marker at every violation and at the divergence.

import type { ViolationMarker } from '../model/replay-model.js';

export interface TimelineHandlers {
  togglePlay(): void;
  step(direction: 1 | -1): void;
  seek(timeSec: number): void;
  setSpeed(speed: number): void;
  nextViolation(): void;
}

const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

export class Timeline {
  readonly root = el('div', { id: 'timeline' });
  readonly #play = el('button', { id: 'play', title: 'play / pause (space)' }, 'Play');
  readonly #time = el('span', { id: 'time' });
  /** The time's text node, rewritten in place: cheaper than replacing it every frame. */
  readonly #timeText = document.createTextNode('0.000 s');
  readonly #track = el('div', { id: 'track' });
  readonly #cursor = el('div', { id: 'cursor' });
  readonly #speed = el('select', { id: 'speed', title: 'playback speed ([ and ])' });
  #durationSec = 1;
  #trackWidthPx = 0;
  #shown = { text: '', x: Number.NaN, playing: false };

  constructor(private readonly handlers: TimelineHandlers) {
    const back = el('button', { id: 'step-back', title: 'one step back (←)' }, '◀ step');
    const fwd = el('button', { id: 'step-forward', title: 'one step forward (→)' }, 'step ▶');
    const next = el('button', { id: 'next-violation', title: 'jump to the next violation (n)' }, 'next violation ⏭');
    for (const s of SPEEDS) this.#speed.append(el('option', { value: String(s), ...(s === 1 ? { selected: '' } : {}) }, `${s}×`));
    this.#play.onclick = () => handlers.togglePlay();
    back.onclick = () => handlers.step(-1);
    fwd.onclick = () => handlers.step(1);
    next.onclick = () => handlers.nextViolation();
    this.#speed.onchange = () => handlers.setSpeed(Number(this.#speed.value));
    const controls = el('div', { class: 'controls' });
    controls.append(this.#play, back, fwd, this.#speed, next, this.#time);
    this.#time.append(this.#timeText);
    this.#track.append(this.#cursor);
    new ResizeObserver(() => {
      this.#trackWidthPx = this.#track.clientWidth;
      this.#shown.x = Number.NaN;
    }).observe(this.#track);
    this.root.append(controls, this.#track);

    let dragging = false;
    const seekTo = (event: PointerEvent) => {
      const box = this.#track.getBoundingClientRect();
      handlers.seek(((event.clientX - box.left) / Math.max(1, box.width)) * this.#durationSec);
    };
    this.#track.onpointerdown = (event) => {
      dragging = true;
      this.#track.setPointerCapture(event.pointerId);
      seekTo(event);
    };
    this.#track.onpointermove = (event) => dragging && seekTo(event);
    this.#track.onpointerup = () => (dragging = false);
  }

  setEpisode(durationSec: number, violations: ViolationMarker[], divergenceSec: number | undefined): void {
    this.#durationSec = Math.max(durationSec, 1e-6);
    this.#track.querySelectorAll('.marker').forEach((m) => m.remove());
    for (const v of violations) {
      const marker = el('div', { class: 'marker violation', title: `${v.timeSec.toFixed(3)} s ${v.monitor}`, 'data-time': String(v.timeSec) });
      marker.style.left = `${(v.timeSec / this.#durationSec) * 100}%`;
      marker.onpointerdown = (event) => {
        event.stopPropagation();
        this.handlers.seek(v.timeSec);
      };
      this.#track.append(marker);
    }
    if (divergenceSec !== undefined) {
      const marker = el('div', {
        class: 'marker divergence',
        title: `trajectories diverge at ${divergenceSec.toFixed(3)} s`,
        'data-time': String(divergenceSec),
      });
      marker.style.left = `${(divergenceSec / this.#durationSec) * 100}%`;
      this.#track.append(marker);
    }
  }

  /**
   * Called every frame: writes to the DOM only what changed, and moves the cursor by a transform
   * on its own compositor layer, so playing costs neither layout nor repaint of the track.
   */
  show(timeSec: number, playing: boolean, speed: number): void {
    const shown = this.#shown;
    const text = `${timeSec.toFixed(3)} s`;
    if (text !== shown.text) this.#timeText.data = shown.text = text;
    const x = Math.round((timeSec / this.#durationSec) * this.#trackWidthPx * 2) / 2;
    if (x !== shown.x) this.#cursor.style.transform = `translateX(${(shown.x = x)}px)`;
    if (playing !== shown.playing || !this.#play.textContent) this.#play.textContent = (shown.playing = playing) ? 'Pause' : 'Play';
    if (Number(this.#speed.value) !== speed) this.#speed.value = String(speed);
  }

  static readonly SPEEDS = SPEEDS;
}
