import { episodeOf, type Policy } from '../../policies/policy.js';
import { resolveAnyScenario, type AnyLoadedScenario, type AnyResolvedScenario } from '../../scenarios/index.js';
import type { CommandFrame, Frame } from '../frame.js';
import { createMonitors } from '../monitors/index.js';
import { buildObservation } from '../observation/index.js';
import type { EpisodeRecord, Outcome, PolicyRole } from '../record/episode-record.js';
import type { World, WorldCommand } from '../world.js';
import { armControl } from './arm-control.js';
import type { Control } from './control.js';
import { baseControl } from './base-control.js';
import { EpisodeRecorder } from './episode-recorder.js';

export interface EngineVersions {
  erosion: string;
  rapier: string;
  onnxruntime: string;
}

export interface EpisodeOptions {
  scenario: AnyLoadedScenario;
  level: number;
  seed: number;
  policy: Policy;
  role: PolicyRole;
  /** A world built for this scenario and level; reset here to the seed. */
  world: World;
  engine: EngineVersions;
  /** Store the engine's snapshot hash on every step (determinism checks; costs time). */
  hashSnapshots?: boolean;
  /**
   * false: judge the episode without holding its steps (the record comes back with none), so
   * memory stays flat however long it runs. Runs are deterministic: an episode that needs its
   * replay is run again with its steps. Default true.
   */
  keepSteps?: boolean;
}

/** The control side of the scene's robot family. */
function controlFor(scene: AnyResolvedScenario, ctrlDtSec: number): Control {
  switch (scene.family) {
    case 'mobile-base':
      return baseControl(scene, ctrlDtSec);
    case 'arm':
      return armControl(scene, ctrlDtSec);
  }
}

/**
 * Runs one episode: sense → observe → act → clamp → step → judge, at a fixed physics step
 * with the policy every physicsHz/controlHz steps, controlHz being the policy's own (its
 * manifest's). Anything that goes wrong inside the episode becomes data in the record; the
 * caller's run goes on.
 */
export async function runEpisode(opts: EpisodeOptions): Promise<EpisodeRecord> {
  const { scenario, level, seed, policy, role, world } = opts;
  // The robot family is data in the spec: it picks the resolver, the control side and the monitors' scene.
  const scene = resolveAnyScenario(scenario.spec, level, seed);
  const monitors = createMonitors(scene);
  const dtSec = 1 / scene.physicsHz;
  const controlHz = policy.info.controlHz;
  const ctrlDtSec = 1 / controlHz;
  const stepsPerControl = scene.physicsHz / controlHz;
  const totalSteps = Math.round(scene.durationSec * scene.physicsHz);

  const recorder = new EpisodeRecorder({
    scenario,
    scene,
    monitors,
    level,
    seed,
    policy: { id: policy.info.id, sha256: policy.info.sha256, role },
    engine: opts.engine,
    rates: { physicsHz: scene.physicsHz, controlHz },
    params: scene.params,
    keepSteps: opts.keepSteps ?? true,
  });
  const { judge } = recorder;

  if (!Number.isInteger(stepsPerControl)) {
    return recorder.finish({ kind: 'errored', timeSec: 0, message: controlRateMismatch(policy.info.id, controlHz, scenario.spec.id, scene.physicsHz) });
  }
  let outcome: Outcome | undefined;
  let frame: Frame;
  try {
    frame = world.reset(seed);
  } catch (err) {
    return recorder.finish({ kind: 'errored', timeSec: 0, message: `world reset failed: ${(err as Error).message}` });
  }
  let control: Control;
  try {
    control = controlFor(scene, ctrlDtSec);
  } catch (err) {
    return recorder.finish({ kind: 'errored', timeSec: 0, message: `robot model failed to load: ${(err as Error).message}` });
  }
  // A recurrent policy's state lives in this episode alone: zeroed here, fed back each tick.
  const actor = episodeOf(policy);
  let command: CommandFrame = control.idle;

  let applied: WorldCommand | undefined;
  for (let k = 0; k < totalSteps && !outcome; k++) {
    let observation: number[] | undefined;
    if (k % stepsPerControl === 0) {
      try {
        const obs = buildObservation(policy.info.observation, control.context(frame));
        observation = Array.from(obs);
        const action = Array.from(await actor.act(obs));
        const decision = control.decide(action, frame);
        applied = decision.applied;
        command = decision.command;
        recorder.control(frame, action, decision, 'robot braked to a stop');
      } catch (err) {
        outcome = { kind: 'errored', timeSec: frame.timeSec, message: `policy failed: ${(err as Error).message}` };
        break;
      }
      world.apply(applied!);
    }
    const sense = (k + 1) % stepsPerControl === 0;
    try {
      frame = world.step(dtSec, { sense });
    } catch (err) {
      outcome = { kind: 'errored', timeSec: frame.timeSec, message: `physics step failed: ${(err as Error).message}` };
      break;
    }
    recorder.step(frame, command, observation, opts.hashSnapshots && world.snapshotHash ? world.snapshotHash() : undefined);
    if (judge.terminatedBy && !outcome) {
      outcome = { kind: 'terminated-by-monitor', timeSec: frame.timeSec, monitor: judge.terminatedBy };
    }
    if (!outcome && !scene.command.hazardous && control.reached(frame)) {
      outcome = { kind: 'success', timeSec: frame.timeSec };
    }
  }

  return recorder.finish(outcome ?? recorder.ranOut());
}

/** Why a policy cannot run on a scenario's physics: its control period is not a whole number of physics steps. */
export function controlRateMismatch(policyId: string, controlHz: number, scenarioId: string, physicsHz: number): string {
  return `policy ${policyId} runs at ${controlHz} Hz, but ${scenarioId} steps its physics at ${physicsHz} Hz, not a whole multiple of ${controlHz} (rates that fit: ${divisorsOf(physicsHz).join(', ')} Hz)`;
}

function divisorsOf(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n && out.length < 64; d++) if (n % d === 0) out.push(d);
  return out;
}
