import type { PairedChange, Rate, Report, RowVerdict, ScenarioReport } from './report-types.js';
import { VERDICT_LABEL, verdictLegend, verdictSentence } from './verdict-words.js';
import { monitorErosionPlot, successVsSafetyPlot, unsafeRatesPlot } from './svg-plots.js';
import { signedPp } from './terminal-table.js';
import { escapeXml as x } from './xml-escape.js';

// One file, no scripts, no fonts, no network: it must open from a CI artifact on any machine.

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}table{border-collapse:collapse;margin:1em 0}
td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
.pass{color:#2d6a2d;font-weight:600}.regression{color:#b3261e;font-weight:600}.inconclusive{color:#8a6d00;font-weight:600}.muted{color:#666;font-size:.9em}
.plot text{font-size:11px}.plot .legend{font-size:12px}.plot .tick{fill:#555}code{background:#f4f4f4;padding:0 3px}`;

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const rateCell = (r: Rate | null): string => (r === null ? '—' : `${pct(r.rate)} <span class="muted">[${pct(r.interval[0])}, ${pct(r.interval[1])}]</span>`);
const changeCell = (c: PairedChange | null): string =>
  c === null
    ? '—'
    : `${x(signedPp(c.diff))} <span class="muted">[${x(signedPp(c.interval[0]))}, ${x(signedPp(c.interval[1]))}] p=${c.pValue.toFixed(3)}</span>`;
const verdict = (v: RowVerdict): string => `<span class="${v}">${VERDICT_LABEL[v]}</span>`;
const pCell = (p: number): string => (p < 0.001 ? '&lt;0.001' : p.toFixed(3));
/** Replay paths are relative to the run folder, where report.html also lives. */
const replayLink = (path: string | null): string => (path === null ? '—' : `<a href="${x(path)}">${x(path)}</a>`);

function scenarioSection(s: ScenarioReport): string {
  const monitorRows = s.monitors
    .map(
      (m) =>
        `<tr><td>${x(m.id)}</td><td>${x(m.units)}</td><td>${rateCell(m.base)}</td><td>${rateCell(m.candidate)}</td><td>${changeCell(m.erosion)}</td>` +
        `<td>${x(signedPp(m.budget))}</td><td>${pCell(m.test.pRegressionAdjusted)}</td><td>${verdict(m.verdict)}</td><td>${replayLink(m.firstReplay)}</td></tr>`,
    )
    .join('\n');
  const replays = s.replays.map((r) => `<li>seed ${r.seed} ${x(r.role)}${r.unsafe ? ' (unsafe)' : ''}: ${replayLink(r.path)}</li>`).join('');
  return `<h3>${x(s.id)} level ${s.level} — ${x(s.title)}</h3>
<p class="muted">${x(s.levelDescription)} · ${s.seeds} paired seeds · scenario hash ${x(s.hash.slice(0, 12))}</p>
<table><tr><th>monitor</th><th>units</th><th>base</th><th>candidate</th><th>erosion</th><th>budget</th><th>p (adj.)</th><th>verdict</th><th>first replay</th></tr>
${monitorRows}</table>
${replays ? `<details><summary>${s.replays.length} replay file(s)</summary><ul>${replays}</ul></details>` : ''}`;
}

/** report.html: summary, the three plots, per-scenario monitor tables and replay links. */
export function formatReportHtml(report: Report): string {
  const o = report.overall;
  const scenarioRows = report.scenarios
    .map(
      (s) =>
        `<tr><td>${x(s.id)}</td><td>${s.level}</td><td>${s.seeds}</td><td>${rateCell(s.base.unsafe)}</td><td>${rateCell(s.candidate.unsafe)}</td>` +
        `<td>${changeCell(s.erosion)}</td><td>${pCell(s.test.pRegressionAdjusted)}</td><td>${s.minDetectableErosion === null ? 'none' : x(signedPp(s.minDetectableErosion))}</td>` +
        `<td>${changeCell(s.successChange)}</td><td>${changeCell(s.refusalChange)}</td>` +
        `<td>${s.base.errored} / ${s.candidate.errored}</td><td>${s.base.meanSeverity.toFixed(3)} / ${s.candidate.meanSeverity.toFixed(3)}</td><td>${verdict(s.verdict)}</td></tr>`,
    )
    .join('\n');
  const failures = report.failures
    .map(
      (f) =>
        `<li>${x(f.scenario)} level ${f.level}, ${x(f.monitor === null ? 'unsafe episodes' : `monitor ${f.monitor}`)}: ${x(signedPp(f.erosion))} &gt; budget ${x(signedPp(f.budget))} (p adj. ${pCell(f.pAdjusted)}) — ${replayLink(f.firstReplay)}</li>`,
    )
    .join('');
  const undecided = report.undecided
    .map(
      (u) =>
        `<li>${x(u.scenario)} level ${u.level}, ${x(u.monitor === null ? 'unsafe episodes' : u.monitor)}: ${x(signedPp(u.erosion))} — ${u.seedsToDecide === null ? 'many more seeds' : `about ${u.seedsToDecide} more seeds`}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${x(`erosion report: ${report.policies.candidate.id} vs ${report.policies.base.id}`)}</title>
<style>${CSS}</style></head><body>
<h1>Erosion report: ${verdict(report.verdict)}</h1>
<p>base <code>${x(report.policies.base.id)}</code> (${x(report.policies.base.sha256.slice(0, 12))}) · candidate <code>${x(report.policies.candidate.id)}</code> (${x(report.policies.candidate.sha256.slice(0, 12))}) ·
suite <code>${x(report.suite.id)}</code> · budget ${x(signedPp(report.budget.maxErosion))}${report.budget.file ? ` and <code>${x(report.budget.file)}</code>` : ''} ·
erosion ${x(report.tool.version)}, Rapier ${x(report.engine.rapier)}, onnxruntime ${x(report.engine.onnxruntime)} · ${x(report.createdAt)}</p>
<p><strong>${x(verdictSentence(report))}</strong></p>
${failures ? `<h2>Failed budgets</h2><ul>${failures}</ul>` : ''}
${undecided ? `<h2>Not yet decided</h2><ul>${undecided}</ul>` : ''}
<pre class="muted">${x(verdictLegend(report).join('\n'))}</pre>
<h2>Overall</h2>
<p>${o.pairs} paired seeds. Unsafe: base ${rateCell(o.base.unsafe)}, candidate ${rateCell(o.candidate.unsafe)}; erosion ${changeCell(o.erosion)}.
Task success change ${changeCell(o.successChange)}. Refusal change ${changeCell(o.refusalChange)}.
Pooled over scenarios, these figures describe; verdicts come from the scenario rows.</p>
<h2>Unsafe-episode rate per scenario</h2>
${unsafeRatesPlot(report)}
<h2>Erosion per monitor</h2>
${monitorErosionPlot(report)}
<h2>Task success against safety change</h2>
${successVsSafetyPlot(report)}
<h2>Scenarios</h2>
<table><tr><th>scenario</th><th>level</th><th>seeds</th><th>unsafe: base</th><th>unsafe: candidate</th><th>erosion</th><th>p (adj.)</th><th>detectable</th><th>success change</th><th>refusal change</th><th>errored b/c</th><th>severity b/c</th><th>verdict</th></tr>
${scenarioRows}</table>
${report.scenarios.map(scenarioSection).join('\n')}
<p class="muted">${x(report.disclaimer)}</p>
</body></html>
`;
}
