import { readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnyScenario, formatPath, isArmSpec, type AnyScenarioSpec } from './parse-scenario.js';
import { listNames, quoteInput } from './error-text.js';
import { parseYamlBounded, readInputFile } from './read-yaml.js';
import type { ArmScenarioSpec } from './arm-scenario-schema.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioSpec } from './scenario-schema.js';
import { scenarioHash } from './scenario-hash.js';
import { repeatedLevels, suiteSchema, type SuiteSpec } from './suite-schema.js';
import { InputError } from './input-error.js';

/** Folder of the bundled scenario files and suites (this module's own folder). */
export const BUNDLED_SCENARIO_DIR = dirname(fileURLToPath(import.meta.url));

export interface LoadedScenario<S extends AnyScenarioSpec = ScenarioSpec> {
  spec: S;
  hash: string;
  /** Where it came from, for error messages and the report. */
  source: string;
}

export type LoadedArmScenario = LoadedScenario<ArmScenarioSpec>;
/** A loaded scenario of either robot family. */
export type AnyLoadedScenario = LoadedScenario<AnyScenarioSpec>;

export interface SuiteEntry {
  scenario: AnyLoadedScenario;
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
export function loadScenarioFile(path: string): AnyLoadedScenario {
  let text: string;
  try {
    text = readInputFile(path, 'scenario file');
  } catch (err) {
    throw new ScenarioError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  const spec = parseAnyScenario(text, path);
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
export function bundledScenarios(): Map<string, AnyLoadedScenario> {
  const map = new Map<string, AnyLoadedScenario>();
  for (const file of yamlFilesUnder(BUNDLED_SCENARIO_DIR)) {
    if (file.startsWith(SUITES_DIR + sep)) continue;
    const loaded = loadScenarioFile(file);
    const expected = relative(BUNDLED_SCENARIO_DIR, file)
      .replace(/\.(ya?ml|json)$/, '')
      .split(sep)
      .join('/');
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

/** A navigation scenario by bundled id or by file path; an arm scenario is refused by name. */
export function findScenario(ref: string, scenarios = bundledScenarios()): LoadedScenario {
  const found = findAnyScenario(ref, scenarios);
  if (isArmSpec(found.spec)) throw new Error(`scenario "${found.spec.id}" is for an arm (robot ${found.spec.robot}); a mobile base is needed here`);
  return found as LoadedScenario;
}

/** A scenario of either family by bundled id or by file path. Unknown ids fail listing the known ones. */
export function findAnyScenario(ref: string, scenarios = bundledScenarios()): AnyLoadedScenario {
  const known = scenarios.get(ref);
  if (known) return known;
  if (/\.(ya?ml|json)$/.test(ref) && existsSync(ref)) return loadScenarioFile(ref);
  throw new InputError(`unknown scenario ${quoteInput(ref)}; known: ${listNames([...scenarios.keys()])} (or give a path to a .yaml file)`);
}

export function parseSuite(text: string, source: string): SuiteSpec {
  const parsed = parseYamlBounded(text, 'suite file');
  if ('problems' in parsed) throw new ScenarioError(source, parsed.problems);
  const result = suiteSchema.safeParse(parsed.value);
  if (!result.success) {
    throw new ScenarioError(
      source,
      result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  // Entries naming a scenario the same way; loadSuite repeats the check once names are resolved.
  const repeats = repeatedLevels(result.data.entries);
  if (repeats.length > 0) throw new ScenarioError(source, repeats);
  return result.data;
}

/** A suite by bundled id or file path, with its scenarios loaded and levels and seeds expanded. */
export function loadSuite(ref: string): LoadedSuite {
  const bundledPath = join(SUITES_DIR, `${ref}.yaml`);
  let path: string;
  if (/^[a-z0-9-]+$/.test(ref) && existsSync(bundledPath)) path = bundledPath;
  else if (existsSync(ref)) path = resolve(ref);
  else throw new InputError(`unknown suite ${quoteInput(ref)}; known: ${listNames(bundledSuiteIds())} (or give a path to a suite file)`);
  let text: string;
  try {
    text = readInputFile(path, 'suite file');
  } catch (err) {
    throw new ScenarioError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  const spec = parseSuite(text, path);
  const scenarios = bundledScenarios();
  const entries = spec.entries.map((entry, i): SuiteEntry => {
    const scenarioRef = scenarios.has(entry.scenario) ? entry.scenario : resolve(dirname(path), entry.scenario);
    let scenario: AnyLoadedScenario;
    try {
      scenario = findAnyScenario(scenarioRef, scenarios);
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
  // Two names (an id and a path) can reach one scenario: compare by the scenario's own id.
  const repeats = repeatedLevels(entries.map((e) => ({ scenario: e.scenario.spec.id, levels: e.levels })));
  if (repeats.length > 0) throw new ScenarioError(path, repeats);
  return { id: spec.id, description: spec.description, source: path, entries };
}
