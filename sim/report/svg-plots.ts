import type { Report } from './report-types.js';
import { escapeXml as x } from './xml-escape.js';

// Plain inline SVG so report.html opens from disk with no script and no network.

const BASE = '#3b6fb6';
const CAND = '#d9622b';
const n1 = (v: number): string => v.toFixed(1);
const label = (s: { id: string; level: number }): string => `${s.id} L${s.level}`;

function axis(x0: number, x1: number, y: number, ticks: Array<[number, string]>, toX: (v: number) => number): string {
  const t = ticks
    .map(
      ([v, text]) =>
        `<line x1="${n1(toX(v))}" y1="${y}" x2="${n1(toX(v))}" y2="${y + 4}" stroke="#888"/><text x="${n1(toX(v))}" y="${y + 16}" text-anchor="middle" class="tick">${x(text)}</text>`,
    )
    .join('');
  return `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#888"/>${t}`;
}

/** Unsafe-episode rate of both policies per scenario level, with 95% Wilson intervals. */
export function unsafeRatesPlot(report: Report): string {
  const rowH = 26;
  const left = 260;
  const width = 720;
  const plotW = width - left - 40;
  const toX = (v: number): number => left + v * plotW;
  const height = 40 + report.scenarios.length * rowH + 30;
  const rows = report.scenarios
    .map((s, i) => {
      const y = 30 + i * rowH;
      const mark = (r: { rate: number; interval: [number, number] }, dy: number, colour: string, who: string): string =>
        `<g><title>${x(`${label(s)} ${who}: ${(r.rate * 100).toFixed(1)}% [${(r.interval[0] * 100).toFixed(1)}, ${(r.interval[1] * 100).toFixed(1)}]`)}</title>` +
        `<line x1="${n1(toX(r.interval[0]))}" y1="${y + dy}" x2="${n1(toX(r.interval[1]))}" y2="${y + dy}" stroke="${colour}" stroke-width="2"/>` +
        `<circle cx="${n1(toX(r.rate))}" cy="${y + dy}" r="4" fill="${colour}"/></g>`;
      return `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${x(label(s))}</text>${mark(s.base.unsafe, -4, BASE, 'base')}${mark(s.candidate.unsafe, 5, CAND, 'candidate')}`;
    })
    .join('');
  const ticks: Array<[number, string]> = [0, 0.25, 0.5, 0.75, 1].map((v) => [v, `${v * 100}%`]);
  return (
    `<svg class="plot" id="plot-unsafe" width="${width}" height="${height}" role="img" aria-label="unsafe-episode rate per scenario">` +
    `<text x="${left}" y="16" class="legend"><tspan fill="${BASE}">● base</tspan>  <tspan fill="${CAND}">● candidate</tspan>  unsafe-episode rate, 95% interval</text>` +
    rows +
    axis(left, left + plotW, height - 30, ticks, toX) +
    `</svg>`
  );
}

/** Erosion per monitor with its 95% paired interval; the budget is the dashed tick. */
export function monitorErosionPlot(report: Report): string {
  const items = report.scenarios.flatMap((s) => s.monitors.map((m) => ({ s, m })));
  const rowH = 20;
  const left = 320;
  const width = 760;
  const plotW = width - left - 40;
  const toX = (v: number): number => left + ((v + 1) / 2) * plotW;
  const height = 40 + items.length * rowH + 30;
  const rows = items
    .map(({ s, m }, i) => {
      const y = 30 + i * rowH;
      const colour = m.verdict === 'regression' ? CAND : '#6a8f5a';
      const [lo, hi] = m.erosion.interval;
      const bar = Math.min(toX(0), toX(m.erosion.diff));
      return (
        `<g><title>${x(`${label(s)} ${m.id}: ${(m.erosion.diff * 100).toFixed(1)} pp [${(lo * 100).toFixed(1)}, ${(hi * 100).toFixed(1)}], budget ${(m.budget * 100).toFixed(1)} pp`)}</title>` +
        `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${x(`${label(s)} · ${m.id}`)}</text>` +
        `<rect x="${n1(bar)}" y="${y - 5}" width="${n1(Math.abs(toX(m.erosion.diff) - toX(0)))}" height="10" fill="${colour}" opacity="0.7"/>` +
        `<line x1="${n1(toX(lo))}" y1="${y}" x2="${n1(toX(hi))}" y2="${y}" stroke="#333"/>` +
        `<line x1="${n1(toX(m.budget))}" y1="${y - 8}" x2="${n1(toX(m.budget))}" y2="${y + 8}" stroke="#333" stroke-dasharray="2,2"/></g>`
      );
    })
    .join('');
  const ticks: Array<[number, string]> = [-1, -0.5, 0, 0.5, 1].map((v) => [v, `${v > 0 ? '+' : ''}${v * 100} pp`]);
  return (
    `<svg class="plot" id="plot-monitors" width="${width}" height="${height}" role="img" aria-label="erosion per monitor">` +
    `<text x="${left}" y="16" class="legend">erosion per monitor (candidate − base), 95% interval; dashed: budget</text>` +
    `<line x1="${n1(toX(0))}" y1="22" x2="${n1(toX(0))}" y2="${height - 30}" stroke="#bbb"/>` +
    rows +
    axis(left, left + plotW, height - 30, ticks, toX) +
    `</svg>`
  );
}

/** Task-success change against safety change, one point per scenario level. */
export function successVsSafetyPlot(report: Report): string {
  const size = 360;
  const pad = 50;
  const inner = size - 2 * pad;
  const toX = (v: number): number => pad + ((v + 1) / 2) * inner;
  const toY = (v: number): number => size - pad - ((v + 1) / 2) * inner;
  const points = report.scenarios
    .map((s) => {
      const px = n1(toX(s.erosion.diff));
      const py = n1(toY(s.successChange.diff));
      return `<g><title>${x(`${label(s)}: erosion ${(s.erosion.diff * 100).toFixed(1)} pp, success change ${(s.successChange.diff * 100).toFixed(1)} pp`)}</title><circle cx="${px}" cy="${py}" r="5" fill="${s.verdict === 'regression' ? CAND : BASE}" opacity="0.8"/></g>`;
    })
    .join('');
  const ticks: Array<[number, string]> = [-1, 0, 1].map((v) => [v, `${v > 0 ? '+' : ''}${v * 100}`]);
  return (
    `<svg class="plot" id="plot-success-safety" width="${size}" height="${size}" role="img" aria-label="task success against safety change">` +
    `<text x="${pad}" y="20" class="legend">success change (↑) vs erosion (→), pp</text>` +
    `<line x1="${toX(0)}" y1="${pad}" x2="${toX(0)}" y2="${size - pad}" stroke="#bbb"/>` +
    `<line x1="${pad}" y1="${toY(0)}" x2="${size - pad}" y2="${toY(0)}" stroke="#bbb"/>` +
    `<rect x="${pad}" y="${pad}" width="${inner}" height="${inner}" fill="none" stroke="#888"/>` +
    points +
    axis(pad, size - pad, size - pad, ticks, toX) +
    `</svg>`
  );
}
