import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDocument, parseDocument, stringify } from 'yaml';
import type { Policy } from '../../policies/policy.js';
import { loadScenarioFile, paramSpace, parseAnyScenario, scenarioHash, type AnyLoadedScenario, type ParamVector } from '../../scenarios/index.js';
import { runEpisode, type EngineVersions } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import { writeEpisodeFile } from '../record/index.js';
import { resultOf } from '../record/episode-result.js';
import { replayPath } from '../run/replay-path.js';
import { huntScenario } from './hunt-world.js';
import { scorePair, type PairScore } from './pair-score.js';

export interface WrittenCounterexample {
  scenarioId: string;
  /** Relative to the output folder. */
  scenarioFile: string;
  replays: { base: string; candidate: string };
  /** The written file, run again by both policies, still separates them. */
  reproduced: boolean;
  score: PairScore;
}

/**
 * The scenario's own file with every parameter's range pinned to the counterexample's value
 * (comments and layout kept), under the counterexample's id; the whole spec when the scenario
 * has no readable file. Checked by parsing it back: the file must be the world the hunt ran.
 */
export function counterexampleYaml(scenario: AnyLoadedScenario, vector: ParamVector, header: string): string {
  const pinned = huntScenario(scenario, vector);
  const space = paramSpace(scenario.spec);
  let text: string | undefined;
  try {
    const doc = parseDocument(readFileSync(scenario.source, 'utf8'));
    if (isDocument(doc) && doc.errors.length === 0) {
      doc.set('id', pinned.spec.id);
      doc.set('title', pinned.spec.title);
      doc.set('description', pinned.spec.description);
      space.names.forEach((name, i) => {
        const node = doc.createNode({ min: vector[i], max: vector[i] });
        node.flow = true;
        doc.setIn(['params', name], node);
      });
      doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
      text = doc.toString({ lineWidth: 0 });
    }
  } catch {
    text = undefined;
  }
  if (text === undefined || !sameWorld(text, pinned)) {
    text = `${header
      .split('\n')
      .map((l) => `#${l}`)
      .join('\n')}\n${stringify(pinned.spec, { lineWidth: 0 })}`;
  }
  return text;
}

/** Parsed exactly as a user's file is (the schema fills defaults), the text must hash as the hunt's world. */
function sameWorld(text: string, pinned: AnyLoadedScenario): boolean {
  try {
    return scenarioHash(parseAnyScenario(text, 'counterexample')) === pinned.hash;
  } catch {
    return false;
  }
}

export interface WriteOptions {
  scenario: AnyLoadedScenario;
  vector: ParamVector;
  level: number;
  seed: number;
  base: Policy;
  candidate: Policy;
  engine: EngineVersions;
  outDir: string;
  header: string;
}

/**
 * Writes the counterexample as a scenario file, then loads that file as a user would and runs
 * both policies in it, writing both replays: what the reviewer opens is what the file gives.
 */
export async function writeCounterexample(opts: WriteOptions): Promise<WrittenCounterexample> {
  const pinned = huntScenario(opts.scenario, opts.vector);
  const name = pinned.spec.id.split('/')[1]!;
  const scenarioFile = join('counterexamples', `${name}.yaml`);
  mkdirSync(join(opts.outDir, 'counterexamples'), { recursive: true });
  writeFileSync(join(opts.outDir, scenarioFile), counterexampleYaml(opts.scenario, opts.vector, opts.header));
  const loaded = loadScenarioFile(join(opts.outDir, scenarioFile));
  const world = await createRapierWorld(loaded.spec, opts.level);
  const replays = {
    base: replayPath(loaded.spec.id, opts.level, opts.seed, 'base'),
    candidate: replayPath(loaded.spec.id, opts.level, opts.seed, 'candidate'),
  };
  try {
    const records = [];
    for (const [role, policy] of [
      ['base', opts.base],
      ['candidate', opts.candidate],
    ] as const) {
      const record = await runEpisode({ scenario: loaded, level: opts.level, seed: opts.seed, policy, role, world, engine: opts.engine });
      await writeEpisodeFile(record, join(opts.outDir, replays[role]));
      records.push(resultOf(record));
    }
    const score = scorePair(records[0]!, records[1]!);
    return { scenarioId: loaded.spec.id, scenarioFile, replays, reproduced: score.counterexample, score };
  } finally {
    world.close();
  }
}
