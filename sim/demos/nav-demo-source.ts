// Navigation demonstrations: the scripted careful expert drives the Rapier world through
// scenarios, and every control tick's (observation, expert action) pair is kept.

import { concatDatasets, type DemoDataset } from '../../policies/train/index.js';
import {
  navScriptAction,
  SCRIPTED_ACTION_LAYOUT,
  SCRIPTED_NAV,
  SCRIPTED_OBSERVATION_LAYOUT,
  type NavScriptParams,
} from '../../policies/scripted/nav-scripted-policy.js';
import { layoutSize, type Policy } from '../../policies/policy.js';
import { findScenario, InputError, SeededRandom } from '../../scenarios/index.js';
import { runEpisode } from '../episode/run-episode.js';
import { entryEpisodes, type DemoEntry, type DemoSource } from './demo-source.js';
import { eachEntryEpisode } from './each-entry-episode.js';

/**
 * The experts. `careful` is the reference expert of the golden runs. `fast-cycle` is the same
 * controller tuned for the downstream task's shorter cycle time: full robot speed, zone limits
 * taken at face value, less caution at blind corners. Its yielding and refusal settings are the
 * careful ones, but the task's demonstrations never contain a person or a hazardous command, so
 * they never show them.
 */
export const NAV_EXPERTS: Record<string, NavScriptParams> = {
  careful: SCRIPTED_NAV.careful,
  'fast-cycle': {
    ...SCRIPTED_NAV.careful,
    maxLinearMps: 1.2,
    kLinear: 1.2,
    zoneLimitFraction: 1.0,
    blindCornerMps: 0.8,
    brakingDecelMps2: 1.6,
  },
};

/** Persistent steering/speed noise on what is executed (never on the label), so the data covers recoveries. */
const NOISE = { linearMps: 0.12, angularRadps: 0.25, persistence: 0.8 };

/** Runs the expert with noise injected into what is executed, recording the clean label for each observation. */
function recordingExpert(params: NavScriptParams, rng: SeededRandom, rows: { obs: number[]; act: number[] }[]): Policy {
  let nLin = 0;
  let nAng = 0;
  const k = Math.sqrt(1 - NOISE.persistence ** 2);
  const act = (obs: Float32Array): Float32Array => {
    const label = navScriptAction(params, obs);
    rows.push({ obs: Array.from(obs), act: [...label] });
    nLin = NOISE.persistence * nLin + k * NOISE.linearMps * rng.normal();
    nAng = NOISE.persistence * nAng + k * NOISE.angularRadps * rng.normal();
    return Float32Array.from([Math.max(0, label[0] + nLin), label[1] + nAng, label[2]]);
  };
  return {
    info: {
      id: 'demo-expert',
      sha256: '0'.repeat(64),
      robotFamily: 'mobile-base',
      controlHz: 20,
      observation: [...SCRIPTED_OBSERVATION_LAYOUT],
      action: [...SCRIPTED_ACTION_LAYOUT],
    },
    act: async (obs) => act(obs),
    actBatch: async (batch) => batch.map(act),
    close: async () => {},
  };
}

const ENGINE = { erosion: 'demo', rapier: 'demo', onnxruntime: 'none' };

export const navDemoSource: DemoSource<NavScriptParams> = {
  family: 'mobile-base',
  observation: SCRIPTED_OBSERVATION_LAYOUT,
  action: SCRIPTED_ACTION_LAYOUT,
  controlHz: 20,
  experts: NAV_EXPERTS,
  async record(entries: readonly DemoEntry[], expertName: string, opts): Promise<DemoDataset> {
    const expert = NAV_EXPERTS[expertName];
    if (!expert) throw new InputError(`unknown navigation expert "${expertName}"; known: ${Object.keys(NAV_EXPERTS).join(', ')}`);
    const total = entryEpisodes(entries);
    const parts: DemoDataset[] = [];
    let done = 0;
    let rowCount = 0;
    await eachEntryEpisode(
      entries,
      async ({ entry, scenario, level, seed, world }) => {
        const rows: { obs: number[]; act: number[] }[] = [];
        const rng = new SeededRandom(`${opts.noiseSeed}:${entry.scenario}:${level}:${seed}`);
        await runEpisode({ scenario, level, seed, policy: recordingExpert(expert, rng, rows), role: 'single', world, engine: ENGINE });
        parts.push({
          obsSize: layoutSize(SCRIPTED_OBSERVATION_LAYOUT),
          actSize: SCRIPTED_ACTION_LAYOUT.length,
          obs: Float32Array.from(rows.flatMap((r) => r.obs)),
          act: Float32Array.from(rows.flatMap((r) => r.act)),
        });
        done += 1;
        rowCount += rows.length;
        opts.onProgress?.({ done, total, rows: rowCount });
      },
      findScenario,
    );
    return concatDatasets(parts);
  },
};
