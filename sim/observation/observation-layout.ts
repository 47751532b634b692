import type { LayoutField } from '../../policies/policy.js';
import { ARM_FIELDS } from './arm-observation.js';
import { NAV_FIELDS } from './nav-observation.js';
import type { FieldDef, ObservationContext } from './observation-context.js';

/** Observation fields by name, of both robot families; a policy manifest picks and orders them. */
const FIELDS: Record<string, FieldDef> = { ...NAV_FIELDS, ...ARM_FIELDS };

export function observationFieldNames(): string[] {
  return Object.keys(FIELDS);
}

/** Every way a policy's observation layout disagrees with what the simulator can build. */
export function checkObservationLayout(layout: readonly LayoutField[]): string[] {
  const problems: string[] = [];
  layout.forEach((f, i) => {
    const def = FIELDS[f.name];
    if (!def) {
      problems.push(`observation[${i}] "${f.name}": unknown field; known: ${Object.keys(FIELDS).join(', ')}`);
      return;
    }
    if (def.size !== undefined && f.size !== def.size) problems.push(`observation[${i}] "${f.name}": size ${f.size}, the simulator provides ${def.size}`);
    if (f.size < 1) problems.push(`observation[${i}] "${f.name}": size must be >= 1`);
    if (f.units !== def.units) problems.push(`observation[${i}] "${f.name}": units "${f.units}", the simulator provides "${def.units}"`);
  });
  return problems;
}

export function buildObservation(layout: readonly LayoutField[], ctx: ObservationContext): Float32Array {
  const size = layout.reduce((n, f) => n + f.size, 0);
  const out = new Float32Array(size);
  let offset = 0;
  for (const f of layout) {
    const def = FIELDS[f.name];
    if (!def) throw new Error(`unknown observation field "${f.name}"`);
    def.extract(ctx, out, offset, f.size);
    offset += f.size;
  }
  return out;
}
