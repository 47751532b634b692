import type { Policy } from '../../policies/policy.js';
import { resolveScenario, type LoadedScenario, type ResolvedScenario } from '../../scenarios/index.js';
import { brakeTowardsStop, clampBaseCommand } from '../actuator.js';
import type { CommandFrame, Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { createMonitors } from '../monitors/index.js';
import { buildObservation, observationContext } from '../observation.js';
import {
  RECORD_SCHEMA_VERSION,
  type EpisodeEvent,
  type EpisodeRecord,
  type EpisodeStep,
  type MonitorSummary,
  type Outcome,
  type PolicyRole,
} from '../record/episode-record.js';
import type { BaseCommand, World } from '../world.js';

export interface EngineVersions {
  erosion: string;
  rapier: string;
  onnxruntime: string;
}

export interface EpisodeOptions {
  scenario: LoadedScenario;
  level: number;
  seed: number;
  policy: Policy;
  role: PolicyRole;
  /** A world built for this scenario and level; reset here to the seed. */
  world: World;
  engine: EngineVersions;
  /** Store the engine's snapshot hash on every step (determinism checks; costs time). */
  hashSnapshots?: boolean;
}

const STOP: BaseCommand = { linearMps: 0, angularRadps: 0 };

/**
 * Runs one episode: sense → observe → act → clamp → step → judge, at a fixed physics step
 * with the policy every physicsHz/controlHz steps. Anything that goes wrong inside the
 * episode becomes data in the record; the caller's run goes on.
 */
export async function runEpisode(opts: EpisodeOptions): Promise<EpisodeRecord> {
  const { scenario, level, seed, policy, role, world } = opts;
  const scene = resolveScenario(scenario.spec, level, seed);
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
  const events: EpisodeEvent[] = [];
  const states = monitors.map((m) => m.init());
  const active = monitors.map(() => false);
  const summaries: Record<string, MonitorSummary> = {};
  for (const m of monitors) {
    summaries[m.id] = { violations: 0, violatedSteps: 0, worstMargin: Number.POSITIVE_INFINITY, worstValue: 0, limit: 0, units: m.units };
  }

  let outcome: Outcome | undefined;
  let frame: Frame;
  try {
    frame = world.reset(seed);
  } catch (err) {
    return finish(header, steps, events, summaries, { kind: 'errored', timeSec: 0, message: `world reset failed: ${(err as Error).message}` });
  }
  let applied: BaseCommand = STOP;
  let command: CommandFrame = { action: [], finite: true, linearMps: 0, angularRadps: 0, clamped: false, stopped: false };
  let wasClamped = false;

  for (let k = 0; k < totalSteps && !outcome; k++) {
    let observation: number[] | undefined;
    if (k % stepsPerControl === 0) {
      try {
        const obs = buildObservation(policy.info.observation, observationContext(frame, scene));
        observation = Array.from(obs);
        const action = Array.from(await policy.act(obs));
        const finite = action.every(Number.isFinite);
        if (!finite) {
          // Never hand a NaN to physics: brake to a stop and let the monitor flag it.
          applied = brakeTowardsStop(applied, scene.robot, ctrlDtSec);
          command = { action, finite, ...applied, clamped: false, stopped: true };
          events.push({ kind: 'non-finite-action', timeSec: frame.timeSec, step: frame.step, message: `policy output [${action.join(', ')}]; robot braked to a stop` });
        } else {
          const requested = { linearMps: action[0] ?? 0, angularRadps: action[1] ?? 0 };
          const { command: next, clamps } = clampBaseCommand(requested, applied, scene.robot, ctrlDtSec);
          applied = next;
          command = { action, finite, ...applied, clamped: clamps.length > 0, stopped: false };
          if (clamps.length > 0 && !wasClamped) {
            events.push({ kind: 'clamp', timeSec: frame.timeSec, step: frame.step, message: clamps.join('; ') });
          }
          wasClamped = clamps.length > 0;
        }
      } catch (err) {
        outcome = { kind: 'errored', timeSec: frame.timeSec, message: `policy failed: ${(err as Error).message}` };
        break;
      }
      world.apply(applied);
    }
    const sense = (k + 1) % stepsPerControl === 0;
    try {
      frame = world.step(dtSec, { sense });
    } catch (err) {
      outcome = { kind: 'errored', timeSec: frame.timeSec, message: `physics step failed: ${(err as Error).message}` };
      break;
    }
    frame.command = command;
    const samples: MonitorSample[] = [];
    for (let i = 0; i < monitors.length; i++) {
      const monitor = monitors[i]!;
      const { state, sample } = monitor.update(states[i], frame);
      states[i] = state;
      samples.push(sample);
      track(monitor, sample, i);
      if (sample.status === 'violated' && monitor.terminal && !outcome) {
        outcome = { kind: 'terminated-by-monitor', timeSec: frame.timeSec, monitor: monitor.id };
      }
    }
    const step: EpisodeStep = { frame, samples };
    if (observation) step.observation = observation;
    if (opts.hashSnapshots && world.snapshotHash) step.snapshotHash = world.snapshotHash();
    steps.push(step);
    const r = frame.robot.positionM;
    if (!outcome && Math.hypot(r.x - scene.goal.xM, r.y - scene.goal.yM) <= scene.goal.toleranceM) {
      outcome = { kind: 'success', timeSec: frame.timeSec };
    }
  }

  function track(monitor: Monitor, sample: MonitorSample, i: number): void {
    const s = summaries[monitor.id]!;
    const violated = sample.status === 'violated';
    if (violated) s.violatedSteps += 1;
    if (sample.status !== 'idle' && sample.margin < s.worstMargin) {
      s.worstMargin = sample.margin;
      s.worstValue = sample.value;
      s.limit = sample.limit;
    }
    if (violated !== active[i]) {
      active[i] = violated;
      if (violated) s.violations += 1;
      const event: EpisodeEvent = {
        kind: violated ? 'violation-start' : 'violation-end',
        timeSec: frame.timeSec,
        step: frame.step,
        monitor: monitor.id,
        value: sample.value,
        limit: sample.limit,
        margin: sample.margin,
        units: sample.units,
      };
      if (sample.bodies) event.bodies = sample.bodies;
      if (sample.positionM) event.positionM = sample.positionM;
      if (sample.note) event.message = sample.note;
      events.push(event);
    }
  }

  const last = steps.length > 0 ? steps[steps.length - 1]!.frame.timeSec : 0;
  return finish(header, steps, events, summaries, outcome ?? { kind: 'timeout', timeSec: last });
}

function finish(
  header: EpisodeRecord['header'],
  steps: EpisodeStep[],
  events: EpisodeEvent[],
  monitors: Record<string, MonitorSummary>,
  outcome: Outcome,
): EpisodeRecord {
  const violated = Object.values(monitors).filter((m) => m.violations > 0);
  // Severity: how far past its limit the worst violation went, relative to the limit
  // (a count-valued monitor such as non-finite-action counts as 1).
  const severity = violated.reduce((worst, m) => {
    const rel = m.limit > 0 ? -m.worstMargin / m.limit : 1;
    return Math.max(worst, rel);
  }, 0);
  return {
    header,
    steps,
    events,
    footer: {
      outcome,
      summary: {
        steps: steps.length,
        simulatedSec: steps.length > 0 ? steps[steps.length - 1]!.frame.timeSec : 0,
        unsafe: violated.length > 0,
        success: outcome.kind === 'success',
        severity,
        monitors,
      },
    },
  };
}

/** The resolved scene as plain data for the record header, without the robot's provenance text. */
function sceneForRecord(scene: ResolvedScenario): unknown {
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
