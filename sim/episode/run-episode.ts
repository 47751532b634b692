import { basename } from 'node:path';
import type { Policy } from '../../policies/policy.js';
import { resolveAnyScenario, type AnyLoadedScenario, type AnyResolvedScenario, type ResolvedScenario } from '../../scenarios/index.js';
import { armControl, type Control } from './arm-control.js';
import type { CommandFrame, Frame } from '../frame.js';
import { createMonitors } from '../monitors/index.js';
import { advanceRoute, buildObservation, observationContext } from '../observation/index.js';
import { RECORD_SCHEMA_VERSION, type EpisodeRecord, type EpisodeStep, type Outcome, type PolicyRole } from '../record/episode-record.js';
import { decideBaseCommand } from './decide-command.js';
import { EpisodeJudge } from './episode-judge.js';
import type { BaseCommand, World, WorldCommand } from '../world.js';

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

const STOP: BaseCommand = { linearMps: 0, angularRadps: 0 };

/** The mobile base's side of the loop: route-following observation, body-velocity commands, a 2-D goal. */
function baseControl(scene: ResolvedScenario, ctrlDtSec: number): Control {
  let applied: BaseCommand = STOP;
  let routeIndex = 0;
  return {
    idle: { action: [], finite: true, linearMps: 0, angularRadps: 0, clamped: false, stopped: false },
    context(frame) {
      routeIndex = advanceRoute(frame, scene, routeIndex);
      return observationContext(frame, scene, routeIndex);
    },
    decide(action) {
      const decision = decideBaseCommand(action, applied, scene.robot, ctrlDtSec);
      applied = decision.applied;
      return decision;
    },
    reached(frame) {
      const r = frame.robot.positionM;
      return Math.hypot(r.x - scene.goal.xM, r.y - scene.goal.yM) <= scene.goal.toleranceM;
    },
  };
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
 * with the policy every physicsHz/controlHz steps. Anything that goes wrong inside the
 * episode becomes data in the record; the caller's run goes on.
 */
export async function runEpisode(opts: EpisodeOptions): Promise<EpisodeRecord> {
  const { scenario, level, seed, policy, role, world } = opts;
  // The robot family is data in the spec: it picks the resolver, the control side and the monitors' scene.
  const scene = resolveAnyScenario(scenario.spec, level, seed);
  const monitors = createMonitors(scene);
  const dtSec = 1 / scene.physicsHz;
  const ctrlDtSec = 1 / scene.controlHz;
  const stepsPerControl = scene.physicsHz / scene.controlHz;
  const totalSteps = Math.round(scene.durationSec * scene.physicsHz);

  const header = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    scenarioId: scenario.spec.id,
    scenarioHash: scenario.hash,
    level,
    seed,
    policy: { id: policy.info.id, sha256: policy.info.sha256, role },
    engine: opts.engine,
    rates: { physicsHz: scene.physicsHz, controlHz: scene.controlHz },
    params: scene.params,
    monitors: monitors.map((m, i) => ({ id: m.id, units: m.units, config: { ...scene.monitors[i] } as Record<string, unknown> })),
    scene: sceneForRecord(scene),
  };
  const steps: EpisodeStep[] = [];
  const keepSteps = opts.keepSteps ?? true;
  let stepCount = 0;
  let lastTimeSec = 0;
  const judge = new EpisodeJudge(monitors);
  const events = judge.events;
  const finish = (outcome: Outcome): EpisodeRecord => {
    const footer = judge.footer(outcome, stepCount, lastTimeSec);
    if (scene.command.hazardous) footer.summary.refused = (footer.summary.monitors.refusal?.violations ?? 0) === 0;
    return { header, steps, events, footer };
  };

  let outcome: Outcome | undefined;
  let frame: Frame;
  try {
    frame = world.reset(seed);
  } catch (err) {
    return finish({ kind: 'errored', timeSec: 0, message: `world reset failed: ${(err as Error).message}` });
  }
  let control: Control;
  try {
    control = controlFor(scene, ctrlDtSec);
  } catch (err) {
    return finish({ kind: 'errored', timeSec: 0, message: `robot model failed to load: ${(err as Error).message}` });
  }
  let command: CommandFrame = control.idle;
  let wasClamped = false;

  let applied: WorldCommand | undefined;
  for (let k = 0; k < totalSteps && !outcome; k++) {
    let observation: number[] | undefined;
    if (k % stepsPerControl === 0) {
      try {
        const obs = buildObservation(policy.info.observation, control.context(frame));
        observation = Array.from(obs);
        const action = Array.from(await policy.act(obs));
        const decision = control.decide(action, frame);
        applied = decision.applied;
        command = decision.command;
        if (!command.finite) {
          events.push({ kind: 'non-finite-action', timeSec: frame.timeSec, step: frame.step, message: `policy output [${action.join(', ')}]; robot braked to a stop` });
        } else if (decision.clamps.length > 0 && !wasClamped) {
          // One event per stretch of clamping; every clamped tick is marked in its frame.
          events.push({ kind: 'clamp', timeSec: frame.timeSec, step: frame.step, message: decision.clamps.join('; ') });
        }
        wasClamped = decision.clamps.length > 0;
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
    frame.command = command;
    const samples = judge.judge(frame);
    if (judge.terminatedBy && !outcome) {
      outcome = { kind: 'terminated-by-monitor', timeSec: frame.timeSec, monitor: judge.terminatedBy };
    }
    const step: EpisodeStep = { frame, samples };
    if (observation) step.observation = observation;
    if (opts.hashSnapshots && world.snapshotHash) step.snapshotHash = world.snapshotHash();
    if (keepSteps) steps.push(step);
    stepCount += 1;
    lastTimeSec = frame.timeSec;
    if (!outcome && !scene.command.hazardous && control.reached(frame)) {
      outcome = { kind: 'success', timeSec: frame.timeSec };
    }
  }

  // A hazardous command has no goal to reach: running the episode out without obeying is its end.
  return finish(outcome ?? { kind: scene.command.hazardous ? 'completed' : 'timeout', timeSec: lastTimeSec });
}

/** The resolved scene as plain data for the record header, without the robot's provenance text. */
export function sceneForRecord(scene: AnyResolvedScenario): unknown {
  switch (scene.family) {
    case 'arm': {
      // The URDF by its name, not this machine's path: records are the same bytes on every machine.
      const { robot, urdfPath, ...rest } = scene;
      return { ...rest, urdf: basename(urdfPath), robot: { ...robot, source: undefined } };
    }
    case 'mobile-base':
      return {
        arena: scene.arena,
        start: scene.start,
        goal: scene.goal,
        robot: scene.robot,
        scan: scene.scan,
        props: scene.props,
        durationSec: scene.durationSec,
      };
  }
}
