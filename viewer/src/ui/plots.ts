// Plots under the timeline: each monitor's measured value over time against its limit (dashed,
// labelled), the stretches past the limit drawn red, with y-axis values in the monitor's units;
// and commanded versus applied speed. Titles sit above the traces, values in a gutter left of
// them. Drawn once per episode on 2D canvases; playing only moves a cursor, so plots cost
// nothing per frame.

import { unitSuffix } from '../model/incident.js';
import type { ReplayModel } from '../model/replay-model.js';

const HEIGHT_PX = 48;
/** Left of the traces: the y-axis values. */
const GUTTER_PX = 58;
const RED = '#e01b1b';

interface Line {
  values: Float32Array;
  color: string;
}

interface Row {
  id: string;
  title: string;
  units: string;
  lines: Line[];
  /** The monitor's limit per step, and its margin (negative: past the limit). */
  limit?: Float32Array;
  margin?: Float32Array;
}

/** Two or three round values spanning [min, max], for the axis. */
function ticks(min: number, max: number): number[] {
  const raw = (max - min) / 2;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((k) => k * step).find((s) => s >= raw * 0.999) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + nice * 1e-6; v += nice) out.push(Math.abs(v) < nice * 1e-9 ? 0 : v);
  return out;
}

function label(v: number, units: string): string {
  const a = Math.abs(v);
  const text = a === 0 ? '0' : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
  return `${text}${unitSuffix(units)}`;
}

function drawPlot(canvas: HTMLCanvasElement, times: Float64Array, durationSec: number, row: Row): void {
  const width = (canvas.width = Math.max(100, canvas.clientWidth || 600));
  const height = (canvas.height = HEIGHT_PX);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const values of [...row.lines.map((l) => l.values), ...(row.limit ? [row.limit] : [])]) {
    for (const v of values) {
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (max - min < 1e-9) [min, max] = [min - 0.5 * (Math.abs(min) || 1), max + 0.5 * (Math.abs(max) || 1)];
  const pad = (max - min) * 0.1;
  const plotW = width - GUTTER_PX;
  const y = (v: number) => height - 3 - ((v - min + pad) / (max - min + 2 * pad)) * (height - 6);
  const x = (t: number) => GUTTER_PX + (t / Math.max(durationSec, 1e-6)) * plotW;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // The y axis: round values in the monitor's units, with faint grid lines.
  // Ticks within the data's own range, so the top and bottom values both get a label.
  for (const v of ticks(min, max)) {
    const py = Math.round(y(v)) + 0.5;
    if (py < 3 || py > height - 3) continue;
    ctx.strokeStyle = '#eef1f4';
    ctx.beginPath();
    ctx.moveTo(GUTTER_PX, py);
    ctx.lineTo(width, py);
    ctx.stroke();
    ctx.fillStyle = '#66707d';
    ctx.textAlign = 'right';
    ctx.fillText(label(v, row.units), GUTTER_PX - 4, py);
  }
  const stride = Math.max(1, Math.floor(times.length / plotW));
  const { limit, margin } = row;
  if (limit && margin) {
    // Where the monitor was past its limit: a red band behind the traces.
    ctx.fillStyle = 'rgba(224, 27, 27, 0.10)';
    for (let i = 0; i < margin.length; i += stride)
      if (margin[i]! < 0) ctx.fillRect(x(times[i]!), 0, Math.max(1, x(times[Math.min(times.length - 1, i + stride)]!) - x(times[i]!)), height);
    ctx.strokeStyle = RED;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    let pen = false;
    // The limit is labelled where it matters most: at the worst breach (or its last value when never breached).
    let labelAt = -1;
    for (let i = 0; i < limit.length; i += stride) {
      const v = limit[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x(times[i]!), y(v));
      else ctx.moveTo(x(times[i]!), y(v));
      pen = true;
      if (labelAt < 0 || !(margin[labelAt]! < 0) || margin[i]! < margin[labelAt]!) labelAt = i;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (labelAt >= 0) {
      // The limit's name and value, on the side of the line away from the trace.
      const v = limit[labelAt]!;
      const ly = y(v);
      const text = `limit ${label(v, row.units)}`;
      const textW = ctx.measureText(text).width;
      const lx = Math.min(width - 4 - textW, Math.max(GUTTER_PX + 4, x(times[labelAt]!) + 6));
      const valueY = y(row.lines[0]?.values[labelAt] ?? v);
      ctx.fillStyle = RED;
      ctx.textAlign = 'left';
      ctx.fillText(text, lx, valueY <= ly ? Math.min(height - 6, ly + 8) : Math.max(6, ly - 8));
    }
  }
  for (const { values, color } of row.lines) {
    ctx.lineWidth = 1.5;
    let pen = false;
    let red = false;
    ctx.beginPath();
    for (let i = 0; i < values.length; i += stride) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      const past = Boolean(margin && margin[i]! < 0);
      if (pen && past !== red) {
        // The colour changes where the trace crosses the limit.
        ctx.lineTo(x(times[i]!), y(v));
        ctx.strokeStyle = red ? RED : color;
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x(times[i]!), y(v));
      }
      red = past;
      if (pen) ctx.lineTo(x(times[i]!), y(v));
      else ctx.moveTo(x(times[i]!), y(v));
      pen = true;
    }
    ctx.strokeStyle = red ? RED : color;
    ctx.stroke();
  }
}

export class Plots {
  readonly root = document.createElement('div');
  /** One cursor per plot (plots sit in two columns), moved together. */
  #cursors: HTMLElement[] = [];
  #redraw: (() => void) | undefined;
  #widthPx = 0;
  #plotWidthPx = 0;
  #cursorX = Number.NaN;

  constructor() {
    this.root.id = 'plots';
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
    this.root.replaceChildren();
    const rows: Row[] = model.monitors
      .filter((m) => m.value.some(Number.isFinite))
      .map((m) => ({
        id: `plot-${m.id}`,
        title: `${m.id}${m.units && m.units !== '1' ? ` (${m.units})` : ''}: measured vs limit`,
        units: m.units,
        lines: [{ values: m.value, color: '#2f6fe0' }],
        limit: m.limit,
        margin: m.margin,
      }));
    rows.push({
      id: 'plot-speed',
      title: 'speed (m/s): commanded (orange), applied (blue), measured (grey)',
      units: 'm/s',
      lines: [
        { values: model.speed.commanded, color: '#f08c00' },
        { values: model.speed.applied, color: '#2f6fe0' },
        { values: model.speed.measured, color: '#8a939e' },
      ],
    });
    const canvases = rows.map((row) => {
      const box = document.createElement('div');
      box.className = 'plot';
      const title = document.createElement('span');
      title.textContent = row.title;
      const canvas = document.createElement('canvas');
      canvas.id = row.id;
      const cursor = document.createElement('div');
      cursor.className = 'plot-cursor';
      box.append(title, canvas, cursor);
      this.root.append(box);
      return { canvas, row, cursor };
    });
    this.#cursors = canvases.map((c) => c.cursor);
    this.root.dataset.plots = String(rows.length);
    this.#redraw = () => {
      canvases.forEach(({ canvas, row }) => drawPlot(canvas, model.times, model.durationSec, row));
      this.#plotWidthPx = canvases[0]?.canvas.width ?? 0;
      this.#cursorX = Number.NaN;
      // Plots below the fold are announced, not silently cut off.
      this.root.classList.toggle('more-below', this.root.scrollHeight > this.root.clientHeight + 2);
    };
    this.#redraw();
  }

  /** Moves the cursors by a transform on their own layers: no layout, and the plots are not repainted. */
  show(timeSec: number, durationSec: number): void {
    const x = GUTTER_PX + Math.round((timeSec / Math.max(durationSec, 1e-6)) * (this.#plotWidthPx - GUTTER_PX) * 2) / 2;
    if (x === this.#cursorX) return;
    this.#cursorX = x;
    for (const cursor of this.#cursors) cursor.style.transform = `translateX(${x}px)`;
  }
}
