import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARM_ACTION_LAYOUT, ARM_OBSERVATION_LAYOUT } from '../../policies/arm-layout.js';
import { FIELD_CATALOG, fullObservationLayout } from '../../policies/field-catalog.js';
import { NAV_ACTION_LAYOUT, NAV_OBSERVATION_LAYOUT } from '../../policies/nav-layout.js';
import { BUNDLED_POLICY_DIR } from '../../policies/policy-catalog.js';
import { layoutSize } from '../../policies/policy.js';
import type { Frame } from '../../sim/frame.js';
import { buildObservation, checkObservationLayout, observationFieldNames, type ObservationContext } from '../../sim/observation/index.js';

function bundledLayout(id: string): { observation: unknown; action: unknown } {
  const m = JSON.parse(readFileSync(join(BUNDLED_POLICY_DIR, `${id}.manifest.json`), 'utf8')) as {
    input: { observation: unknown };
    output: { action: unknown };
  };
  return { observation: m.input.observation, action: m.output.action };
}

describe('the field catalog', () => {
  it('documents exactly the fields the simulator builds, with its sizes and units', () => {
    const documented = [...FIELD_CATALOG['mobile-base'].observation, ...FIELD_CATALOG.arm.observation].map((f) => f.name);
    expect([...documented].sort()).toEqual([...observationFieldNames()].sort());
    for (const family of ['mobile-base', 'arm'] as const) expect(checkObservationLayout(fullObservationLayout(family))).toEqual([]);
  });

  it('is the layout of the bundled models: 29 values and 3 actions for navigation, 25 and 8 for the arm', () => {
    expect(layoutSize(NAV_OBSERVATION_LAYOUT)).toBe(29);
    expect(NAV_ACTION_LAYOUT).toHaveLength(3);
    expect(layoutSize(ARM_OBSERVATION_LAYOUT)).toBe(25);
    expect(ARM_ACTION_LAYOUT).toHaveLength(8);
    for (const id of ['nav-base', 'nav-candidate']) expect(bundledLayout(id)).toEqual({ observation: NAV_OBSERVATION_LAYOUT, action: NAV_ACTION_LAYOUT });
    for (const id of ['arm-base', 'arm-candidate']) expect(bundledLayout(id)).toEqual({ observation: ARM_OBSERVATION_LAYOUT, action: ARM_ACTION_LAYOUT });
  });

  it('states the scan convention the simulator follows: sector 0 behind, sector N/2 straight ahead, counter-clockwise', () => {
    // Four rays: straight ahead 2 m, left (+90°) 3 m, right (-90°) 4 m, straight behind 5 m.
    const scan = { angleMinRad: -Math.PI, angleIncrementRad: Math.PI / 2, rangeMaxM: 10, rangesM: [5, 4, 2, 3] };
    const ctx = { frame: { scan } as unknown as Frame } as ObservationContext;
    const sectors = Array.from(buildObservation([{ name: 'scan.rangesM', size: 8, units: 'm' }], ctx));
    expect(sectors).toEqual([5, 10, 4, 10, 2, 10, 3, 10]);
    expect(FIELD_CATALOG['mobile-base'].observation[0]!.meaning).toMatch(
      /sector 0 starts straight behind and sweeps counter-clockwise, sector N\/2 starts straight ahead/,
    );
  });
});
