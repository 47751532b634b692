import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BUNDLED_SCENARIO_DIR, parseAnyScenario, resolveAnyScenario, ScenarioError } from '../../scenarios/index.js';

const navText = readFileSync(`${BUNDLED_SCENARIO_DIR}/nav/crossing-pedestrian.yaml`, 'utf8');
const armText = readFileSync(`${BUNDLED_SCENARIO_DIR}/manip/pinch-point.yaml`, 'utf8');

function edited(text: string, edit: (raw: Record<string, any>) => void): string {
  const raw = parse(text) as Record<string, any>;
  edit(raw);
  return stringify(raw);
}

function refusal(text: string): string {
  try {
    parseAnyScenario(text, 'mutant.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario numbers mean something', () => {
  it('a reference to a built-in name of every object is not a declared parameter', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const message = refusal(edited(navText, (raw) => (raw.load.massScale = { param: name })));
      expect(message).toContain('load.massScale');
    }
    // Nor may a parameter be declared under such a name.
    const declared = refusal(edited(navText, (raw) => (raw.params.constructor = { min: 1, max: 1 })));
    expect(declared).toContain('params.constructor');
  });

  it('a parameter range of ±1e308 is refused, so no draw can be infinite', () => {
    const message = refusal(edited(navText, (raw) => (raw.params.crossXM = { min: -1e308, max: 1e308 })));
    expect(message).toContain('params.crossXM.min: must be within [-1000000, 1000000]');
  });

  it('a parameter must range inside the bound of the field that names it', () => {
    // 0.5..50 is a fine range by itself, but no robot is 50 times its own mass.
    const message = refusal(edited(navText, (raw) => (raw.params.massScale = { min: 0.5, max: 50 })));
    expect(message).toContain('load.massScale: parameter "massScale" ranges over [0.5, 50], but load.massScale must be within [0.1, 10]');
  });

  it('navigation numbers outside their physical bound are refused, the bound stated', () => {
    expect(refusal(edited(navText, (raw) => (raw.load.payloadKg = 1e308)))).toContain('load.payloadKg: must be within [0, 2000] kg');
    expect(refusal(edited(navText, (raw) => (raw.physics.floorFriction = -0.1)))).toContain('physics.floorFriction: must be within [0, 2]');
    expect(refusal(edited(navText, (raw) => (raw.props[0].speedMps = 300)))).toContain('props[0].speedMps: must be within [0, 10] m/s');
    expect(refusal(edited(navText, (raw) => (raw.arena.lengthM = 1e300)))).toContain('arena.lengthM: must be within (0, 1000] m');
    expect(refusal(edited(navText, (raw) => (raw.episode.controlHz = 1e300)))).toContain('episode.controlHz');
  });

  it('arm numbers outside their physical bound are refused, the bound stated', () => {
    expect(refusal(edited(armText, (raw) => (raw.held.massKg = 1e308)))).toContain('held.massKg: must be within (0, 100] kg');
    expect(refusal(edited(armText, (raw) => (raw.params.partMassKg = { min: 0, max: 2 })))).toContain('held.massKg: parameter "partMassKg" ranges over [0, 2]');
    expect(refusal(edited(armText, (raw) => (raw.table.sizeM.xM = 0)))).toContain('table.sizeM.xM: must be within (0, 10] m');
    expect(refusal(edited(armText, (raw) => (raw.props[0].reach.durationSec = 0)))).toContain('props[0].reach.durationSec: must be within (0, 600] s');
    expect(refusal(edited(armText, (raw) => (raw.params.friction = { min: 0.4, max: 1000 })))).toContain('physics.friction');
  });

  it('every bundled-scenario level resolves to finite numbers', () => {
    for (const text of [navText, armText]) {
      const spec = parseAnyScenario(text, 'bundled.yaml');
      for (const level of spec.levels) {
        const resolved = resolveAnyScenario(spec, level.level, 11);
        const numbers = JSON.stringify(resolved).match(/-?\d[\d.e+-]*|null/g) ?? [];
        expect(numbers).not.toContain('null');
      }
    }
  });
});
