// Manipulation demonstrations: the scripted careful arm expert drives the Rapier arm world
// through the manip scenarios, and every control tick's (observation, expert action) pair is kept.

import { ARM_ACTION_LAYOUT, ARM_OBSERVATION_LAYOUT } from '../../policies/arm-layout.js';
import { layoutSize, type Policy } from '../../policies/policy.js';
import { armScriptAction, SCRIPTED_ARM, type ArmScriptParams } from '../../policies/scripted/arm-scripted-policy.js';
import { concatDatasets, type DemoDataset } from '../../policies/train/index.js';
import { findAnyScenario, InputError, isArmSpec, SeededRandom, type AnyLoadedScenario } from '../../scenarios/index.js';
import { runEpisode } from '../episode/run-episode.js';
import { entryEpisodes, type DemoEntry, type DemoSource } from './demo-source.js';
import { eachEntryEpisode } from './each-entry-episode.js';

/** The arm's control rate: the scripted policies' and every manip scenario's. */
export const ARM_CONTROL_HZ = 50;

/**
 * The experts. `careful` is the reference expert of the manip golden runs. `fast-cycle` is the
 * same controller tuned for the downstream task's shorter cycle time on an empty bench: 1.5× the
 * tool speed with a stiffer approach, and straight to the goal instead of along the planned
 * route, whose detours (round the near side, up and over the glass) exist only for the hazards.
 * On the task's level-0 sites that cuts the cycle by 20–50% with no violation. Its slowing,
 * stopping, blade and refusal settings are the careful ones, but the task's demonstrations never
 * contain a person or a hazardous command, so they never show them.
 */
export const ARM_EXPERTS: Record<string, ArmScriptParams> = {
  careful: SCRIPTED_ARM.careful,
  'fast-cycle': { ...SCRIPTED_ARM.careful, maxSpeedMps: 0.6, gain: 3, followRoute: false },
};

/** The expert whose demonstrations teach safety; every other expert records a benign task. */
export const ARM_SAFETY_EXPERT = 'careful';

/**
 * Persistent noise on the executed tool twist (never on the label), so the data covers recoveries.
 * An AR(1) process at 50 Hz: persistence 0.9 gives drifts of about 0.2 s.
 */
export const ARM_DEMO_NOISE = { linearMps: 0.05, angularRadps: 0.15, persistence: 0.9 } as const;

export interface DemoRow {
  obs: number[];
  /** The clean expert action for obs. */
  label: number[];
  /** What was sent to the arm: the label plus noise. */
  executed: number[];
}

/** Runs the expert with noise on what is executed, recording the clean label for each observation. */
export function armRecordingExpert(params: ArmScriptParams, rng: SeededRandom, rows: DemoRow[]): Policy {
  const noise = [0, 0, 0, 0, 0, 0];
  const k = Math.sqrt(1 - ARM_DEMO_NOISE.persistence ** 2);
  const act = (obs: Float32Array): Float32Array => {
    const label = armScriptAction(params, obs);
    for (let i = 0; i < 6; i++) {
      const std = i < 3 ? ARM_DEMO_NOISE.linearMps : ARM_DEMO_NOISE.angularRadps;
      noise[i] = ARM_DEMO_NOISE.persistence * noise[i]! + k * std * rng.normal();
    }
    // A declared refusal stops the arm whatever the twist says, so noise cannot turn it into obeying.
    const executed = label.map((v, i) => (i < 6 ? v + noise[i]! : v));
    rows.push({ obs: Array.from(obs), label: [...label], executed });
    return Float32Array.from(executed);
  };
  return {
    info: {
      id: 'demo-arm-expert',
      sha256: '0'.repeat(64),
      robotFamily: 'arm',
      controlHz: ARM_CONTROL_HZ,
      observation: [...ARM_OBSERVATION_LAYOUT],
      action: [...ARM_ACTION_LAYOUT],
    },
    act: async (obs) => act(obs),
    actBatch: async (batch) => batch.map(act),
    close: async () => {},
  };
}

function armScenario(id: string): AnyLoadedScenario {
  const scenario = findAnyScenario(id);
  if (!isArmSpec(scenario.spec)) throw new Error(`scenario "${id}" is for a mobile base; arm demonstrations need an arm scenario`);
  return scenario;
}

const ENGINE = { erosion: 'demo', rapier: 'demo', onnxruntime: 'none' };

/**
 * Records one episode per (scenario, level, seed) and hands each episode's rows to onEpisode.
 * A task expert's episode that violated anything (a spill, a knocked part) is passed with
 * kept = false: benign data holds nothing harmful, so the caller leaves it out. The safety
 * expert's episodes are all kept: their labels are clean even where the noise made trouble,
 * and those are the recoveries the base should learn.
 */
export async function recordArmEpisodes(
  entries: readonly DemoEntry[],
  expertName: string,
  opts: { noiseSeed: string; onEpisode?: (rows: readonly DemoRow[], kept: boolean) => void },
): Promise<void> {
  const expert = ARM_EXPERTS[expertName];
  if (!expert) throw new InputError(`unknown arm expert "${expertName}"; known: ${Object.keys(ARM_EXPERTS).join(', ')}`);
  await eachEntryEpisode(
    entries,
    async ({ entry, scenario, level, seed, world }) => {
      const rows: DemoRow[] = [];
      const rng = new SeededRandom(`${opts.noiseSeed}:${entry.scenario}:${level}:${seed}`);
      const record = await runEpisode({ scenario, level, seed, policy: armRecordingExpert(expert, rng, rows), role: 'single', world, engine: ENGINE });
      opts.onEpisode?.(rows, expertName === ARM_SAFETY_EXPERT || !record.footer.summary.unsafe);
    },
    armScenario,
  );
}

export const armDemoSource: DemoSource<ArmScriptParams> = {
  family: 'arm',
  observation: ARM_OBSERVATION_LAYOUT,
  action: ARM_ACTION_LAYOUT,
  controlHz: ARM_CONTROL_HZ,
  experts: ARM_EXPERTS,
  async record(entries, expertName, opts): Promise<DemoDataset> {
    const total = entryEpisodes(entries);
    const parts: DemoDataset[] = [];
    let done = 0;
    let rowCount = 0;
    await recordArmEpisodes(entries, expertName, {
      noiseSeed: opts.noiseSeed,
      onEpisode: (rows, kept) => {
        done += 1;
        if (!kept) return opts.onProgress?.({ done, total, rows: rowCount });
        parts.push({
          obsSize: layoutSize(ARM_OBSERVATION_LAYOUT),
          actSize: ARM_ACTION_LAYOUT.length,
          obs: Float32Array.from(rows.flatMap((r) => r.obs)),
          act: Float32Array.from(rows.flatMap((r) => r.label)),
        });
        rowCount += rows.length;
        opts.onProgress?.({ done, total, rows: rowCount });
      },
    });
    return concatDatasets(parts);
  },
};
