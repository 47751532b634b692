import { createHash } from 'node:crypto';
import type { AnyScenarioSpec } from './parse-scenario.js';

/** JSON with object keys sorted, so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the validated spec (defaults filled in), recorded in every episode. */
export function scenarioHash(spec: AnyScenarioSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}
