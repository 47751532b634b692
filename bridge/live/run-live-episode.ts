import { episodeOf, type Policy } from '../../policies/policy.js';
import { resolveAnyScenario, type AnyLoadedScenario } from '../../scenarios/index.js';
import {
  buildObservation,
  createMonitors,
  EpisodeRecorder,
  type CommandFrame,
  type EngineVersions,
  type EpisodeRecord,
  type Outcome,
} from '../../sim/index.js';
import { redactUrl } from '../envelope/address-guard.js';
import type { TopicProfile } from '../profile/topic-profile.js';
import type { BridgeMode, RosbridgeWorld } from '../world/rosbridge-world.js';
import { liveControlFor, type LiveControl } from './live-control.js';

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
  /** How long to keep trying to connect at all (errored outcome, each topic diagnosed). */
  connectTimeoutSec?: number;
  /** Once connected, how long to wait for valid telemetry (errored outcome, each topic diagnosed). */
  startTimeoutSec?: number;
  /** A link down for longer than this ends the session: outcome link-lost. */
  linkLostSec?: number;
  /** Ends the episode early (Ctrl-C): outcome interrupted at that time; the record is still complete. */
  signal?: AbortSignal;
  /** Polled every tick: the operator asked to clear a protective stop. */
  resetRequested?: () => boolean;
  /** Offers a std_srvs/Trigger service of this name through rosbridge that clears a protective stop (when no monitor is violated). */
  releaseService?: string;
  /** One line per noteworthy moment, for the terminal. */
  log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** What the terminal calls a bridge event; the record keeps its kind. */
type EventLabel = 'link' | 'stale' | 'would stop' | 'stop' | 'release' | 'refused' | 'note';

/**
 * One hardware-in-the-loop episode: telemetry → frame → observation → policy → the same NaN
 * guard, clamps and (for an arm) IK step as the simulator → the envelope → the robot (live) or
 * nowhere (shadow). Every frame with fresh telemetry is judged by the scenario's monitors and
 * recorded, so the result is an ordinary episode record. Paced by the wall clock.
 */
export async function runLiveEpisode(opts: LiveEpisodeOptions): Promise<EpisodeRecord> {
  const { world, profile, site, level, policy, mode } = opts;
  // A recurrent policy starts from zero state for this episode and carries it tick to tick.
  const actor = episodeOf(policy);
  const log = opts.log ?? (() => {});
  const scene = resolveAnyScenario(site.spec, level, 0);
  const ctrlDtSec = 1 / profile.controlHz;
  const control: LiveControl = liveControlFor(scene, ctrlDtSec);
  // Filled in as the session goes: the ROS version and each topic's deadline are known at the end.
  const bridge: Record<string, unknown> = { mode, url: redactUrl(opts.url), profile: profile.id, telemetryDeadlineSec: profile.telemetryDeadlineSec };
  const recorder = new EpisodeRecorder({
    scenario: site,
    scene,
    monitors: createMonitors(scene),
    level,
    seed: 0,
    policy: { id: policy.info.id, sha256: policy.info.sha256, role: 'single' },
    engine: opts.engine,
    // One frame per control tick: the robot is its own physics.
    rates: { physicsHz: profile.controlHz, controlHz: profile.controlHz },
    params: {},
    sceneExtra: { bridge },
  });
  const { judge, events } = recorder;
  const bridgeEvent = (kind: 'error' | 'protective-stop', label: EventLabel, timeSec: number, message: string): void => {
    events.push({ kind, timeSec, step: recorder.stepCount, message: `bridge: ${message}` });
    log(`${timeSec.toFixed(2)} s  ${label}: ${message}`);
  };
  const finish = (outcome: Outcome): EpisodeRecord => {
    drain();
    const c = world.envelope.counts;
    if (c.discardedWhileDown > 0)
      bridgeEvent('error', 'link', world.now(), `${c.discardedWhileDown} command(s) made while disconnected were discarded, none sent`);
    bridge.ros = world.rosVersion ?? null;
    bridge.deadlinesSec = Object.fromEntries([...world.health].map(([key, h]) => [key, Number(h.deadlineSec.toFixed(3))]));
    return recorder.finish(outcome);
  };
  /** Ends a session without telemetry: the outcome names every topic and what to fix. */
  const noTelemetry = async (what: string): Promise<EpisodeRecord> => {
    const lines = await world.diagnose();
    for (const line of lines) log(`  ${line}`);
    return finish({ kind: 'errored', timeSec: world.now(), message: `${what} from ${redactUrl(opts.url)}:\n${lines.map((l) => `  - ${l}`).join('\n')}` });
  };
  const stoppedWord = mode === 'live' ? 'robot stopped' : 'would stop the robot (shadow: nothing sent)';

  function drain(): void {
    for (const p of world.drainProblems()) bridgeEvent('error', p.kind === 'link' ? 'link' : 'refused', p.timeSec, p.message);
    for (const l of world.drainLinkEvents()) {
      if (l.up) bridgeEvent('error', 'link', l.timeSec, `link up (ROS ${l.ros ?? '?'})`);
      else bridgeEvent('error', 'link', l.timeSec, `link lost (${l.reason ?? 'closed'}); the robot's own command timeout must stop it until the link is back`);
    }
  }
  const releaseWhy = (): string | undefined => {
    if (world.state() !== 'protective-stop') return 'no protective stop to release';
    if (judge.violating) return 'refused: a monitor is still violated';
    return undefined;
  };
  const release = (by: string): { success: boolean; message: string } => {
    const why = releaseWhy();
    if (why) {
      log(`${world.now().toFixed(2)} s  release: ${why} (asked by ${by})`);
      return { success: false, message: why };
    }
    world.resetProtectiveStop();
    bridgeEvent('error', 'release', world.now(), `protective stop released by ${by}`);
    return { success: true, message: 'protective stop released' };
  };

  world.start();
  if (opts.releaseService) world.offerReleaseService(opts.releaseService, () => release(`the ${opts.releaseService} service`));
  const connectTimeoutSec = opts.connectTimeoutSec ?? 15;
  const startTimeoutSec = opts.startTimeoutSec ?? 5;
  let upAtSec: number | undefined;
  while (!world.hasNewTelemetry || world.state() === 'waiting-for-telemetry') {
    if (opts.signal?.aborted) return finish({ kind: 'interrupted', timeSec: world.now() });
    if (upAtSec === undefined && world.envelope.linkIsUp) upAtSec = world.now();
    // A slow or failed handshake is retried (see RosLink): only the whole window ends the session.
    if (upAtSec === undefined && world.now() > connectTimeoutSec) return noTelemetry(`could not connect within ${connectTimeoutSec} s`);
    if (upAtSec !== undefined && world.now() - upAtSec > startTimeoutSec) return noTelemetry(`no valid telemetry within ${startTimeoutSec} s of connecting`);
    await sleep(10);
  }
  log(`telemetry flowing (ROS ${world.rosVersion}); ${mode === 'live' ? 'driving the robot through the envelope' : 'shadow mode: nothing is sent'}`);

  let wasState = world.state();
  let outcome: Outcome | undefined;
  const t0 = world.now();
  const linkLostSec = opts.linkLostSec ?? 3;
  let frame = world.step();

  for (let k = 0; !outcome; k++) {
    await sleep((t0 + k * ctrlDtSec - world.now()) * 1000);
    if (opts.signal?.aborted) {
      outcome = { kind: 'interrupted', timeSec: world.now() };
      break;
    }
    if (world.now() - t0 >= opts.durationSec) break;
    drain();
    const downSec = world.linkDownForSec();
    if (downSec > linkLostSec) {
      outcome = { kind: 'link-lost', timeSec: world.now(), message: `the link to the robot was down for ${downSec.toFixed(1)} s (limit ${linkLostSec} s)` };
      break;
    }
    const state = world.state();
    if (state !== wasState) {
      if (state === 'telemetry-stale') {
        const stale = world.staleTopics().map((t) => `${t.name} ${t.ageSec.toFixed(2)} s old (deadline ${t.deadlineSec.toFixed(2)} s)`);
        const text = `telemetry older than its deadline: ${stale.join(', ')}; ${stoppedWord}`;
        if (mode === 'live') bridgeEvent('protective-stop', 'stale', world.now(), text);
        else bridgeEvent('error', 'would stop', world.now(), text);
      } else if (state === 'ready' && wasState !== 'protective-stop') bridgeEvent('error', 'note', world.now(), `telemetry fresh again (${wasState} over)`);
      wasState = state;
    }
    if (state === 'protective-stop' && opts.resetRequested?.()) release('the operator');
    const fresh = world.hasNewTelemetry;
    if (fresh) frame = world.step();

    let command: CommandFrame;
    let observation: number[] | undefined;
    try {
      const obs = buildObservation(policy.info.observation, control.context(frame));
      observation = Array.from(obs);
      const action = Array.from(await actor.act(obs));
      const decision = control.decide(action, frame);
      command = decision.command;
      recorder.control(frame, action, decision, 'not sent, robot braked');
      world.apply(decision.applied);
      const offer = world.lastDecision;
      control.sent(offer, world.state());
      if (offer && offer.kind !== 'send' && !(offer.kind === 'discard' && offer.why === 'rate-limited')) {
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
    const samples = recorder.step(frame, command, observation);
    if (judge.violating && mode === 'live' && !world.envelope.protectiveStopReason) {
      const violated = samples.filter((s) => s.status === 'violated').map((s) => s.monitor);
      world.protectiveStop(`monitor violated: ${violated.join(', ')}`);
      bridgeEvent('protective-stop', 'stop', frame.timeSec, `protective stop after ${violated.join(', ')}; nothing moves until an explicit release`);
    }
    if (judge.terminatedBy) outcome = { kind: 'terminated-by-monitor', timeSec: frame.timeSec, monitor: judge.terminatedBy };
    if (!outcome && !scene.command.hazardous && control.reached(frame)) outcome = { kind: 'success', timeSec: frame.timeSec };
  }
  return finish(outcome ?? recorder.ranOut());
}
