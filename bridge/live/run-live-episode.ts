import type { Policy } from '../../policies/policy.js';
import { resolveAnyScenario, type AnyLoadedScenario } from '../../scenarios/index.js';
import {
  buildObservation,
  createMonitors,
  EpisodeJudge,
  RECORD_SCHEMA_VERSION,
  sceneForRecord,
  type CommandFrame,
  type EngineVersions,
  type EpisodeRecord,
  type EpisodeStep,
  type Outcome,
} from '../../sim/index.js';
import { redactUrl } from '../envelope/address-guard.js';
import type { TopicProfile } from '../profile/topic-profile.js';
import type { BridgeMode, RosbridgeWorld } from '../world/rosbridge-world.js';
import { armLiveControl, baseLiveControl, type LiveControl } from './live-control.js';

export interface LiveEpisodeOptions {
  world: RosbridgeWorld;
  profile: TopicProfile;
  /** The site, of the profile's robot family. */
  site: AnyLoadedScenario;
  level: number;
  policy: Policy;
  mode: BridgeMode;
  url: string;
  engine: EngineVersions;
  durationSec: number;
  /** How long to wait for the first telemetry before giving up (errored outcome). */
  startTimeoutSec?: number;
  /** Ends the episode early (Ctrl-C); the record is still complete. */
  signal?: AbortSignal;
  /** Polled every tick: the operator asked to clear a protective stop. */
  resetRequested?: () => boolean;
  /** One line per noteworthy moment, for the terminal. */
  log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * One hardware-in-the-loop episode: telemetry → frame → observation → policy → the same NaN
 * guard, clamps and (for an arm) IK step as the simulator → the envelope → the robot (live) or
 * nowhere (shadow). Every frame with fresh telemetry is judged by the scenario's monitors and
 * recorded, so the result is an ordinary episode record. Paced by the wall clock.
 */
export async function runLiveEpisode(opts: LiveEpisodeOptions): Promise<EpisodeRecord> {
  const { world, profile, site, level, policy, mode } = opts;
  const log = opts.log ?? (() => {});
  const scene = resolveAnyScenario(site.spec, level, 0);
  const monitors = createMonitors(scene);
  const judge = new EpisodeJudge(monitors);
  const events = judge.events;
  const steps: EpisodeStep[] = [];
  const ctrlDtSec = 1 / profile.controlHz;
  const control: LiveControl = 'family' in scene ? armLiveControl(scene, ctrlDtSec) : baseLiveControl(scene, ctrlDtSec);
  const header = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    scenarioId: site.spec.id,
    scenarioHash: site.hash,
    level,
    seed: 0,
    policy: { id: policy.info.id, sha256: policy.info.sha256, role: 'single' as const },
    engine: opts.engine,
    // One frame per control tick: the robot is its own physics.
    rates: { physicsHz: profile.controlHz, controlHz: profile.controlHz },
    params: {},
    monitors: monitors.map((m, i) => ({ id: m.id, units: m.units, config: { ...scene.monitors[i] } as Record<string, unknown> })),
    scene: {
      ...(sceneForRecord(scene) as Record<string, unknown>),
      bridge: { mode, url: redactUrl(opts.url), profile: profile.id, telemetryDeadlineSec: profile.telemetryDeadlineSec },
    },
  };
  const bridgeEvent = (kind: 'error' | 'protective-stop', timeSec: number, message: string): void => {
    events.push({ kind, timeSec, step: steps.length, message: `bridge: ${message}` });
    log(`${timeSec.toFixed(2)} s  ${kind}: ${message}`);
  };
  const finish = (outcome: Outcome): EpisodeRecord => {
    const last = steps.length > 0 ? steps[steps.length - 1]!.frame.timeSec : 0;
    const footer = judge.footer(outcome, steps.length, last);
    if (scene.command.hazardous) footer.summary.refused = (footer.summary.monitors.refusal?.violations ?? 0) === 0;
    const c = world.envelope.counts;
    if (c.discardedWhileDown > 0) bridgeEvent('error', world.now(), `${c.discardedWhileDown} command(s) made while disconnected were discarded, none sent`);
    return { header, steps, events, footer };
  };

  world.start();
  const startTimeoutSec = opts.startTimeoutSec ?? 5;
  while (!world.hasNewTelemetry || world.state() === 'waiting-for-telemetry') {
    if (world.now() > startTimeoutSec || opts.signal?.aborted) {
      drain();
      return finish({ kind: 'errored', timeSec: 0, message: `no valid telemetry within ${startTimeoutSec} s from ${redactUrl(opts.url)}` });
    }
    await sleep(10);
  }
  log(`telemetry flowing; ${mode === 'live' ? 'driving the robot through the envelope' : 'shadow mode: nothing is sent'}`);

  let wasClamped = false;
  let wasState = world.state();
  let outcome: Outcome | undefined;
  const t0 = world.now();
  let frame = world.step();

  function drain(): void {
    for (const p of world.drainProblems()) bridgeEvent('error', p.timeSec, p.message);
    for (const l of world.drainLinkEvents()) {
      bridgeEvent('error', l.timeSec, l.up ? 'link up' : `link lost (${l.reason ?? 'closed'}); the robot's own command timeout must stop it until the link is back`);
    }
  }

  for (let k = 0; !outcome; k++) {
    await sleep((t0 + k * ctrlDtSec - world.now()) * 1000);
    if (world.now() - t0 >= opts.durationSec || opts.signal?.aborted) break;
    drain();
    const state = world.state();
    if (state !== wasState) {
      if (state === 'telemetry-stale') bridgeEvent('protective-stop', world.now(), `telemetry older than ${profile.telemetryDeadlineSec} s: robot stopped`);
      else if (state === 'ready' && wasState !== 'protective-stop') bridgeEvent('error', world.now(), `telemetry fresh again (${wasState} over)`);
      wasState = state;
    }
    if (state === 'protective-stop' && opts.resetRequested?.()) {
      if (judge.violating) log('reset refused: a monitor is still violated');
      else {
        world.resetProtectiveStop();
        bridgeEvent('error', world.now(), 'protective stop reset by the operator');
      }
    }
    const fresh = world.hasNewTelemetry;
    if (fresh) frame = world.step();

    let command: CommandFrame;
    let observation: number[] | undefined;
    try {
      const obs = buildObservation(policy.info.observation, control.context(frame));
      observation = Array.from(obs);
      const action = Array.from(await policy.act(obs));
      const decision = control.decide(action, frame);
      command = decision.command;
      if (!command.finite) {
        events.push({ kind: 'non-finite-action', timeSec: frame.timeSec, step: frame.step, message: `policy output [${action.join(', ')}]; not sent, robot braked` });
      } else if (decision.clamps.length > 0 && !wasClamped) {
        events.push({ kind: 'clamp', timeSec: frame.timeSec, step: frame.step, message: decision.clamps.join('; ') });
      }
      wasClamped = decision.clamps.length > 0;
      world.apply(decision.applied);
      const offer = world.lastDecision;
      control.sent(offer, world.state());
      if (offer && offer.kind !== 'send' && !(offer.kind === 'discard' && offer.reason.startsWith('rate-limited'))) {
        // The record shows what the robot got: nothing moves.
        const zeroJoints = command.jointVelocitiesRadps ? { jointVelocitiesRadps: command.jointVelocitiesRadps.map(() => 0) } : {};
        command = { ...command, linearMps: 0, angularRadps: 0, stopped: true, ...zeroJoints };
      }
    } catch (err) {
      outcome = { kind: 'errored', timeSec: frame.timeSec, message: `policy failed: ${(err as Error).message}` };
      break;
    }
    // Only new telemetry is judged and recorded: a repeated frame would tell the monitors the robot stood still.
    if (!fresh) continue;
    frame.command = command;
    const samples = judge.judge(frame);
    const step: EpisodeStep = { frame, samples };
    if (observation) step.observation = observation;
    steps.push(step);
    if (judge.violating && mode === 'live' && !world.envelope.protectiveStopReason) {
      const violated = samples.filter((s) => s.status === 'violated').map((s) => s.monitor);
      world.protectiveStop(`monitor violated: ${violated.join(', ')}`);
      bridgeEvent('protective-stop', frame.timeSec, `protective stop after ${violated.join(', ')}; nothing moves until an explicit reset`);
    }
    if (judge.terminatedBy) outcome = { kind: 'terminated-by-monitor', timeSec: frame.timeSec, monitor: judge.terminatedBy };
    if (!outcome && !scene.command.hazardous && control.reached(frame)) outcome = { kind: 'success', timeSec: frame.timeSec };
  }
  drain();
  const last = steps.length > 0 ? steps[steps.length - 1]!.frame.timeSec : 0;
  return finish(outcome ?? { kind: scene.command.hazardous ? 'completed' : 'timeout', timeSec: last });
}
