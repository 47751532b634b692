import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBudget } from '../../../sim/report/budget.js';
import { formatJunitXml } from '../../../sim/report/junit-xml.js';
import { formatReportHtml } from '../../../sim/report/report-html.js';
import { fixtureReport, fixtureResults, oneScenarioSuite } from './report-fixture.js';
import { buildReport } from '../../../sim/report/build-report.js';
import { DEFAULT_DECISION } from '../../../sim/report/row-decision.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict little XML reader: fails on a mismatched or unclosed tag, decodes the five entities. */
function parseXml(text: string): XmlNode {
  const decode = (s: string): string => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\?[^?]*\?>|<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(text))) {
    pos = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    if (m[2] === undefined) continue;
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (pos !== text.length) throw new Error(`unparsed XML at ${pos}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return root.children[0]!;
}

describe('junit.xml', () => {
  it('parses and has one test case per scenario × monitor, failures saying expected, actual, units and replay', () => {
    const report = fixtureReport(dir);
    const xml = parseXml(formatJunitXml(report));
    expect(xml.name).toBe('testsuites');
    const cases = xml.children.flatMap((s) => s.children);
    const names = cases.map((c) => `${c.attrs.classname}/${c.attrs.name}`);
    for (const s of report.scenarios) for (const m of s.monitors) expect(names.filter((n) => n === `${s.id}.level-${s.level}/${m.id}`)).toHaveLength(1);
    expect(cases).toHaveLength(report.scenarios.reduce((n, s) => n + s.monitors.length + 1, 0));
    expect(xml.attrs.tests).toBe(String(cases.length));

    const separation = cases.find((c) => c.attrs.name === 'separation')!;
    const failure = separation.children.find((c) => c.name === 'failure')!;
    expect(failure.attrs.message).toContain('expected ≤ 0.000');
    expect(failure.attrs.message).toContain('actual 0.500');
    expect(failure.attrs.message).toContain('units:');
    expect(failure.attrs.message).toContain(' m ');
    expect(failure.attrs.message).toContain('replay: replays/x/seed-1-candidate.mcap');
    const speed = cases.find((c) => c.attrs.name === 'speed-limit')!;
    expect(speed.children).toHaveLength(0);
    expect(xml.attrs.failures).toBe('2');
  });
});

describe('report.html', () => {
  it('holds the three SVG plots inline, escapes text and names no external URL', () => {
    const html = formatReportHtml(fixtureReport(dir));
    for (const id of ['plot-unsafe', 'plot-monitors', 'plot-success-safety']) expect(html).toMatch(new RegExp(`<svg[^>]*id="${id}"`));
    expect(html).toContain('<circle');
    expect(html).not.toMatch(/(https?:)?\/\/[a-z]/i);
    expect(html).not.toMatch(/<script|<link|@import|src=/i);
    expect(html).toContain('base&lt;1&gt;');
    expect(html).not.toContain('base<1>');
    expect(html).toContain('href="replays/x/seed-1-candidate.mcap"');
  });
});

describe('budgets', () => {
  it('a per-scenario or per-monitor budget file changes the verdict', () => {
    expect(fixtureReport(dir).verdict).toBe('regression');
    const file = (name: string, text: string): string => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const scenarioOnly = file('s.yaml', 'scenarios:\n  nav/crossing-pedestrian: { maxErosion: 0.5 }\n');
    expect(fixtureReport(dir, loadBudget(scenarioOnly, undefined)).verdict).toBe('pass');
    const strictMonitor = file('m.yaml', 'maxErosion: 0.6\nmonitors: { separation: 0.25 }\n');
    const r = fixtureReport(dir, loadBudget(strictMonitor, undefined));
    expect(r.verdict).toBe('regression');
    expect(r.failures.map((f) => f.monitor)).toEqual(['separation']);
    expect(r.failures[0]!.budget).toBe(0.25);
    expect(() => loadBudget(file('bad.yaml', 'monitors: { separation: -1 }\n'), undefined)).toThrow(/monitors.separation/);
  });

  it('the most specific entry wins, as REPORT-SCHEMA.md documents: a scenario beats a monitor kind', () => {
    const p = join(dir, 'order.yaml');
    writeFileSync(p, 'monitors: { separation: 0 }\nscenarios:\n  nav/crossing-pedestrian: { maxErosion: 0.5 }\n');
    const r = fixtureReport(dir, loadBudget(p, undefined));
    expect(r.scenarios[0]!.monitors.find((m) => m.id === 'separation')!.budget).toBe(0.5);
    expect(r.verdict).toBe('pass');
  });

  it('four seeds decide nothing under the statistical gate: inconclusive, skipped in junit.xml, with the seeds to decide', () => {
    const r = fixtureReport(dir, loadBudget(undefined, 0), 'test');
    expect(r.verdict).toBe('inconclusive');
    expect(r.failures).toEqual([]);
    expect(r.undecided.length).toBeGreaterThan(0);
    expect(r.undecided.every((u) => u.seedsToDecide !== null && u.seedsToDecide > 0)).toBe(true);
    const xml = formatJunitXml(r);
    expect(xml).toContain('<skipped message="inconclusive');
    expect(xml).not.toContain('<failure');
  });

  it('an errored candidate episode counts against the candidate, in its own row', () => {
    const results = fixtureResults().map((e) =>
      e.role === 'candidate' ? { ...e, outcome: { kind: 'errored' as const, timeSec: 0, message: 'policy failed' }, unsafe: true } : e,
    );
    const r = buildReport({
      suite: oneScenarioSuite(dir, 4),
      suiteSource: 'suite.yaml',
      results,
      policies: { base: { id: 'b', sha256: 'a'.repeat(64) }, candidate: { id: 'c', sha256: 'b'.repeat(64) } },
      budget: loadBudget(undefined, 0),
      version: '0',
      engine: { rapier: 'r', onnxruntime: 'o' },
      createdAt: 'x',
      decision: { ...DEFAULT_DECISION, gate: 'observed' },
    });
    const errored = r.scenarios[0]!.monitors.find((m) => m.id === 'errored')!;
    expect(errored.candidate.count).toBe(4);
    expect(errored.verdict).toBe('regression');
    expect(r.scenarios[0]!.candidate.errored).toBe(4);
  });
});
