import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseScenario, formatPath } from './parse-scenario.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioSpec } from './scenario-schema.js';
import { scenarioHash } from './scenario-hash.js';
import { suiteSchema, type SuiteSpec } from './suite-schema.js';

/** Folder of the bundled scenario files and suites (this module's own folder). */
export const BUNDLED_SCENARIO_DIR = dirname(fileURLToPath(import.meta.url));

export interface LoadedScenario {
  spec: ScenarioSpec;
  hash: string;
  /** Where it came from, for error messages and the report. */
  source: string;
}

export interface SuiteEntry {
  scenario: LoadedScenario;
  levels: number[];
  seeds: number[];
}

export interface LoadedSuite {
  id: string;
  description: string;
  source: string;
  entries: SuiteEntry[];
}

/** I/O half of the loader: the parse itself is pure (parseScenario). */
export function loadScenarioFile(path: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  const spec = parseScenario(text, path);
  return { spec, hash: scenarioHash(spec), source: path };
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(full);
  }
  return out;
}

const SUITES_DIR = join(BUNDLED_SCENARIO_DIR, 'suites');

/** Every bundled scenario, keyed by id; a file whose id does not match its path is refused. */
export function bundledScenarios(): Map<string, LoadedScenario> {
  const map = new Map<string, LoadedScenario>();
  for (const file of yamlFilesUnder(BUNDLED_SCENARIO_DIR)) {
    if (file.startsWith(SUITES_DIR + sep)) continue;
    const loaded = loadScenarioFile(file);
    const expected = relative(BUNDLED_SCENARIO_DIR, file).replace(/\.(ya?ml|json)$/, '').split(sep).join('/');
    if (loaded.spec.id !== expected) {
      throw new ScenarioError(file, [`id: "${loaded.spec.id}" must match the file's place, "${expected}"`]);
    }
    map.set(loaded.spec.id, loaded);
  }
  return map;
}

export function bundledSuiteIds(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => n.replace(/\.ya?ml$/, ''))
    .sort();
}

/** A scenario by bundled id or by file path. Unknown ids fail listing the known ones. */
export function findScenario(ref: string, scenarios = bundledScenarios()): LoadedScenario {
  const known = scenarios.get(ref);
  if (known) return known;
  if (/\.(ya?ml|json)$/.test(ref) && existsSync(ref)) return loadScenarioFile(ref);
  throw new Error(`unknown scenario "${ref}"; known: ${[...scenarios.keys()].join(', ')} (or give a path to a .yaml file)`);
}

export function parseSuite(text: string, source: string): SuiteSpec {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ScenarioError(source, [`not valid YAML/JSON: ${(err as Error).message}`]);
  }
  const result = suiteSchema.safeParse(raw);
  if (!result.success) {
    throw new ScenarioError(source, result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  }
  return result.data;
}

/** A suite by bundled id or file path, with its scenarios loaded and levels and seeds expanded. */
export function loadSuite(ref: string): LoadedSuite {
  const bundledPath = join(SUITES_DIR, `${ref}.yaml`);
  let path: string;
  if (/^[a-z0-9-]+$/.test(ref) && existsSync(bundledPath)) path = bundledPath;
  else if (existsSync(ref)) path = resolve(ref);
  else throw new Error(`unknown suite "${ref}"; known: ${bundledSuiteIds().join(', ')} (or give a path to a suite file)`);
  const spec = parseSuite(readFileSync(path, 'utf8'), path);
  const scenarios = bundledScenarios();
  const entries = spec.entries.map((entry, i): SuiteEntry => {
    const scenarioRef = scenarios.has(entry.scenario) ? entry.scenario : resolve(dirname(path), entry.scenario);
    let scenario: LoadedScenario;
    try {
      scenario = findScenario(scenarioRef, scenarios);
    } catch (err) {
      if (err instanceof ScenarioError) throw err;
      throw new ScenarioError(path, [`entries[${i}].scenario: ${(err as Error).message}`]);
    }
    const declared = scenario.spec.levels.map((l) => l.level);
    const levels = entry.levels ?? declared;
    levels.forEach((level, j) => {
      if (!declared.includes(level)) {
        throw new ScenarioError(path, [`entries[${i}].levels[${j}]: ${scenario.spec.id} has no level ${level} (has ${declared.join(', ')})`]);
      }
    });
    const seeds = Array.from({ length: entry.seeds }, (_, k) => entry.firstSeed + k);
    return { scenario, levels, seeds };
  });
  return { id: spec.id, description: spec.description, source: path, entries };
}
