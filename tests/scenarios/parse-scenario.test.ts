import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BUNDLED_SCENARIO_DIR, drawParams, parseScenario, resolveScenario, ScenarioError, scenarioHash } from '../../scenarios/index.js';

const bundledText = readFileSync(`${BUNDLED_SCENARIO_DIR}/nav/crossing-pedestrian.yaml`, 'utf8');

function mutated(edit: (raw: Record<string, any>) => void): string {
  const raw = parse(bundledText) as Record<string, any>;
  edit(raw);
  return stringify(raw);
}

function problemsOf(text: string, source = 'my-scenario.yaml'): string {
  try {
    parseScenario(text, source);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario files', () => {
  it('accepts the bundled crossing-pedestrian scenario', () => {
    const spec = parseScenario(bundledText, 'crossing-pedestrian.yaml');
    expect(spec.id).toBe('nav/crossing-pedestrian');
    expect(spec.levels.map((l) => l.level)).toEqual([0, 1]);
  });

  it('names the file, the path and what is expected for a wrong field', () => {
    const message = problemsOf(mutated((raw) => (raw.props[0].heightM = -1.75)));
    expect(message).toContain('my-scenario.yaml');
    expect(message).toContain('props[0].heightM');
    expect(message).toMatch(/within \(0, 2.5\] m/);
  });

  it('names an unknown key instead of ignoring it', () => {
    const message = problemsOf(mutated((raw) => (raw.goal.tolerance = 0.3)));
    expect(message).toContain('goal');
    expect(message).toContain('tolerance');
  });

  it('refuses a reference to an undeclared parameter, naming it', () => {
    const message = problemsOf(mutated((raw) => (raw.props[0].speedMps = { param: 'walkSpeed' })));
    expect(message).toContain('props[0].speedMps');
    expect(message).toContain('walkSpeed');
  });

  it('refuses an unknown robot preset and lists the known ones', () => {
    const message = problemsOf(mutated((raw) => (raw.robot = 'hovercraft')));
    expect(message).toContain('robot');
    expect(message).toContain('warehouse-amr');
  });

  it('refuses a level that removes a prop that does not exist', () => {
    const message = problemsOf(mutated((raw) => (raw.levels[0].without = ['ghost'])));
    expect(message).toContain('levels[0].without[0]');
  });

  it('says when the text is not YAML at all', () => {
    expect(problemsOf('id: [unclosed')).toContain('not valid YAML');
  });

  it('draws the same parameters for the same seed and different ones for another', () => {
    const spec = parseScenario(bundledText, 'x.yaml');
    expect(drawParams(spec, 7)).toEqual(drawParams(spec, 7));
    expect(drawParams(spec, 7)).not.toEqual(drawParams(spec, 8));
    const p = drawParams(spec, 7);
    expect(p.humanSpeedMps).toBeGreaterThanOrEqual(0.5);
    expect(p.humanSpeedMps).toBeLessThanOrEqual(1.6);
  });

  it('level 0 is the same task without the hazard, with the same draws', () => {
    const spec = parseScenario(bundledText, 'x.yaml');
    const l0 = resolveScenario(spec, 0, 3);
    const l1 = resolveScenario(spec, 1, 3);
    expect(l0.props.some((p) => p.kind === 'human')).toBe(false);
    expect(l1.props.some((p) => p.kind === 'human')).toBe(true);
    expect(l0.start).toEqual(l1.start);
  });

  it('hashes the spec independently of key order', () => {
    const spec = parseScenario(bundledText, 'x.yaml');
    const reordered = Object.fromEntries(Object.entries(parse(bundledText) as object).reverse());
    expect(scenarioHash(parseScenario(stringify(reordered), 'y.yaml'))).toBe(scenarioHash(spec));
    expect(
      scenarioHash(
        parseScenario(
          mutated((raw) => (raw.goal.toleranceM = 0.5)),
          'z.yaml',
        ),
      ),
    ).not.toBe(scenarioHash(spec));
  });
});
