import type { MonitorReport, Report, RowVerdict, ScenarioReport } from './report-types.js';
import { EROSION_UNITS } from './report-types.js';
import { escapeXml as x } from './xml-escape.js';

const f3 = (n: number): string => n.toFixed(3);

interface Case {
  classname: string;
  name: string;
  failure: string | null;
  /** An inconclusive row: neither failed nor passed, shown as skipped with the seeds it needs. */
  skipped?: string | null;
}

function skippedText(verdict: RowVerdict, seeds: number | null): string | null {
  if (verdict !== 'inconclusive') return null;
  return `inconclusive: too few seeds to show a regression or a pass${seeds === null ? '' : `; about ${seeds} more seeds would likely decide it`}`;
}

function monitorCase(s: ScenarioReport, m: MonitorReport): Case {
  const classname = `${s.id}.level-${s.level}`;
  if (m.verdict !== 'regression') return { classname, name: m.id, failure: null, skipped: skippedText(m.verdict, m.test.seedsToDecide) };
  const worst = m.worstCandidate
    ? `; candidate's worst ${m.id} value ${m.worstCandidate.value.toFixed(3)} ${m.units} against limit ${m.worstCandidate.limit.toFixed(3)} ${m.units} (seed ${m.worstCandidate.seed})`
    : '';
  return {
    classname,
    name: m.id,
    failure:
      `${m.id} erosion exceeds its budget beyond chance: expected ≤ ${f3(m.budget)}, actual ${f3(m.erosion.diff)} (units: ${EROSION_UNITS}); ` +
      `base ${m.base.count}/${m.base.n}, candidate ${m.candidate.count}/${m.candidate.n} episodes violated it, p = ${f3(m.test.pRegression)} (${m.test.method}), corrected ${f3(m.test.pRegressionAdjusted)}` +
      `${worst}; replay: ${m.firstReplay ?? 'none written'}`,
  };
}

/** The unsafe-episode rate as a whole: the scenario's own budget, any monitor. */
function unsafeCase(s: ScenarioReport, report: Report): Case {
  const classname = `${s.id}.level-${s.level}`;
  const name = 'unsafe episodes (any monitor)';
  if (s.test.verdict !== 'regression') return { classname, name, failure: null, skipped: skippedText(s.test.verdict, s.test.seedsToDecide) };
  const replay = report.failures.find((f) => f.scenario === s.id && f.level === s.level && f.monitor === null)?.firstReplay;
  return {
    classname,
    name,
    failure:
      `unsafe-episode erosion exceeds the budget beyond chance: expected ≤ ${f3(s.budget)}, actual ${f3(s.erosion.diff)} (units: ${EROSION_UNITS}); ` +
      `base ${s.base.unsafe.count}/${s.seeds}, candidate ${s.candidate.unsafe.count}/${s.seeds} unsafe, p = ${f3(s.test.pRegression)} (${s.test.method}), ` +
      `corrected ${f3(s.test.pRegressionAdjusted)}; replay: ${replay ?? 'none written'}`,
  };
}

/**
 * JUnit XML for CI dashboards: one test suite per scenario level, one test case per monitor plus
 * one for the unsafe-episode rate as a whole. A failure's text says expected, actual, units and
 * the replay to open.
 */
export function formatJunitXml(report: Report): string {
  const suites = report.scenarios.map((s) => {
    const cases = [unsafeCase(s, report), ...s.monitors.map((m) => monitorCase(s, m))];
    const failures = cases.filter((c) => c.failure !== null).length;
    const skipped = cases.filter((c) => c.skipped).length;
    const body = cases
      .map((c) => {
        const open = `    <testcase classname="${x(c.classname)}" name="${x(c.name)}"`;
        if (c.skipped) return `${open}>\n      <skipped message="${x(c.skipped)}"/>\n    </testcase>`;
        if (c.failure === null) return `${open}/>`;
        return `${open}>\n      <failure type="erosion" message="${x(c.failure)}">${x(c.failure)}</failure>\n    </testcase>`;
      })
      .join('\n');
    return `  <testsuite name="${x(`${s.id} level ${s.level}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${body}\n  </testsuite>`;
  });
  const tests = report.scenarios.reduce((n, s) => n + s.monitors.length + 1, 0);
  const failures = report.scenarios.reduce(
    (n, s) => n + s.monitors.filter((m) => m.verdict === 'regression').length + (s.test.verdict === 'regression' ? 1 : 0),
    0,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${x(`erosion ${report.suite.id}: ${report.policies.candidate.id} vs ${report.policies.base.id}`)}" tests="${tests}" failures="${failures}" errors="0">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
