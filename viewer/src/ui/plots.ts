// Plots under the timeline: each monitor's margin over time against its limit (margin 0; below is
// a violation, shaded red), and commanded versus applied speed. Drawn once per episode on 2D
// canvases; playing only moves a cursor, so plots cost nothing per frame.

import type { ReplayModel } from '../model/replay-model.js';

const HEIGHT_PX = 56;

interface Line {
  values: Float32Array;
  color: string;
  label: string;
}

function drawPlot(canvas: HTMLCanvasElement, times: Float64Array, durationSec: number, lines: Line[], zeroLine: boolean): void {
  const width = (canvas.width = Math.max(100, canvas.clientWidth || 600));
  const height = (canvas.height = HEIGHT_PX);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let min = zeroLine ? 0 : Number.POSITIVE_INFINITY;
  let max = zeroLine ? 0 : Number.NEGATIVE_INFINITY;
  for (const { values } of lines) {
    for (const v of values) {
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (max - min < 1e-6) max = min + 1;
  const pad = (max - min) * 0.08;
  const y = (v: number) => height - 4 - ((v - min + pad) / (max - min + 2 * pad)) * (height - 8);
  const x = (t: number) => (t / Math.max(durationSec, 1e-6)) * width;
  ctx.clearRect(0, 0, width, height);
  if (zeroLine) {
    // Below the limit: the violated band.
    ctx.fillStyle = 'rgba(255, 40, 40, 0.12)';
    ctx.fillRect(0, y(0), width, height - y(0));
    ctx.strokeStyle = '#d22';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(0, y(0));
    ctx.lineTo(width, y(0));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // One point per pixel column at most: a 14 400-step series draws as fast as a short one.
  const stride = Math.max(1, Math.floor(times.length / width));
  for (const { values, color } of lines) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < values.length; i += stride) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x(times[i]!), y(v));
      else ctx.moveTo(x(times[i]!), y(v));
      pen = true;
    }
    ctx.stroke();
  }
}

export class Plots {
  readonly root = document.createElement('div');
  readonly #cursor = document.createElement('div');
  #redraw: (() => void) | undefined;
  #widthPx = 0;
  #cursorX = Number.NaN;

  constructor() {
    this.root.id = 'plots';
    this.#cursor.id = 'plot-cursor';
    // Plots are redrawn only when their width changes, never while playing.
    new ResizeObserver(() => {
      const width = this.root.clientWidth;
      if (width === this.#widthPx) return;
      this.#widthPx = width;
      this.#cursorX = Number.NaN;
      this.#redraw?.();
    }).observe(this.root);
  }

  setEpisode(model: ReplayModel): void {
    this.root.replaceChildren(this.#cursor);
    const rows: Array<{ title: string; lines: Line[]; zero: boolean; id: string }> = model.monitors
      .filter((m) => m.margin.some(Number.isFinite))
      .map((m) => ({
        id: `plot-${m.id}`,
        title: `${m.id} margin (${m.units}) — limit at 0`,
        lines: [{ values: m.margin, color: '#2f6fe0', label: 'margin' }],
        zero: true,
      }));
    rows.push({
      id: 'plot-speed',
      title: 'speed (m/s): commanded (orange) vs applied (blue), measured (grey)',
      lines: [
        { values: model.speed.commanded, color: '#f08c00', label: 'commanded' },
        { values: model.speed.applied, color: '#2f6fe0', label: 'applied' },
        { values: model.speed.measured, color: '#8a939e', label: 'measured' },
      ],
      zero: false,
    });
    const canvases = rows.map((row) => {
      const box = document.createElement('div');
      box.className = 'plot';
      const label = document.createElement('span');
      label.textContent = row.title;
      const canvas = document.createElement('canvas');
      canvas.id = row.id;
      box.append(label, canvas);
      this.root.append(box);
      return { canvas, row };
    });
    this.#redraw = () => {
      canvases.forEach(({ canvas, row }) => drawPlot(canvas, model.times, model.durationSec, row.lines, row.zero));
      // The cursor spans every plot, also those scrolled out of view.
      this.#cursor.style.height = `${this.root.scrollHeight}px`;
    };
    this.#redraw();
  }

  /** Moves the cursor by a transform on its own layer: no layout, and the plots are not repainted. */
  show(timeSec: number, durationSec: number): void {
    const x = Math.round((timeSec / Math.max(durationSec, 1e-6)) * this.#widthPx * 2) / 2;
    if (x !== this.#cursorX) this.#cursor.style.transform = `translateX(${(this.#cursorX = x)}px)`;
  }
}
