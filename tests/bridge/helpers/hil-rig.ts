import type { Policy } from '../../../policies/policy.js';
import { scriptedArmPolicy } from '../../../policies/scripted/arm-scripted-policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import { findAnyScenario, findScenario, resolveAnyScenario, type AnyLoadedScenario, type LoadedArmScenario } from '../../../scenarios/index.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import type { EpisodeRecord } from '../../../sim/index.js';
import {
  loadTopicProfile,
  runLiveEpisode,
  RosbridgeWorld,
  startServe,
  type ArmProfile,
  type BridgeMode,
  type MobileBaseProfile,
  type ServeSession,
  type TopicProfile,
} from '../../../bridge/index.js';
import type { RosVersion } from '../../../bridge/messages/ros-dialect.js';
import { FaultProxy } from './fault-proxy.js';

export const ENGINE = { erosion: 'test', rapier: 'none (real robot over rosbridge)', onnxruntime: 'none' };

export interface Rig<P extends TopicProfile = MobileBaseProfile> {
  serve: ServeSession;
  proxy: FaultProxy;
  world: RosbridgeWorld;
  profile: P;
  /** Seconds on the serve side's clock. */
  serveNow(): number;
  /**
   * Runs an episode. With `until`, the episode ends (outcome interrupted) as soon as it holds,
   * and `durationSec` is only the bound: a loaded machine takes longer, the test still passes.
   */
  run(opts: {
    policy?: Policy;
    mode: BridgeMode;
    durationSec: number;
    resetRequested?: () => boolean;
    until?: () => boolean;
    releaseService?: string;
    linkLostSec?: number;
    startTimeoutSec?: number;
    log?: (line: string) => void;
  }): Promise<EpisodeRecord>;
  close(): Promise<void>;
}

export interface ArmRig extends Rig<ArmProfile> {
  scenario: LoadedArmScenario;
}

/** `erosion serve` for a site, a fault proxy in front of it, and a bridge world pointed at the proxy. */
async function assemble<P extends TopicProfile>(
  profile: P,
  site: AnyLoadedScenario,
  level: number,
  mode: BridgeMode,
  defaultPolicy: () => Policy,
  ros: RosVersion = 2,
  served: P = profile,
): Promise<Rig<P>> {
  const scene = resolveAnyScenario(site.spec, level, 0);
  const serve = await startServe({ createWorld: createRapierWorld, scenario: site.spec, level, seed: 0, port: 0, profile: served, ros });
  const proxy = await FaultProxy.listen(serve.server.url);
  const world = new RosbridgeWorld({ profile, scene, url: proxy.url, mode, reconnectMinSec: 0.1 });
  return {
    serve,
    proxy,
    world,
    profile,
    serveNow: () => serve.node.now(),
    async run(r) {
      const stop = new AbortController();
      const poll = r.until ? setInterval(() => r.until!() && stop.abort(), 10) : undefined;
      try {
        return await runLiveEpisode({
          world,
          profile,
          site,
          level,
          policy: r.policy ?? defaultPolicy(),
          mode: r.mode,
          url: proxy.url,
          engine: ENGINE,
          durationSec: r.durationSec,
          resetRequested: r.resetRequested,
          signal: stop.signal,
          ...(r.releaseService ? { releaseService: r.releaseService } : {}),
          ...(r.linkLostSec !== undefined ? { linkLostSec: r.linkLostSec } : {}),
          ...(r.startTimeoutSec !== undefined ? { startTimeoutSec: r.startTimeoutSec } : {}),
          ...(r.log ? { log: r.log } : {}),
        });
      } finally {
        if (poll) clearInterval(poll);
      }
    },
    async close() {
      world.close();
      await proxy.close();
      await serve.close();
    },
  };
}

/** A mobile base: the bundled nav-base profile at a navigation scenario (crossing pedestrian by default). */
/** A mobile base; `profile` changes what the bridge expects, `robot` what the served robot publishes (both: the bundled nav-base). */
export async function startRig(opts: {
  scenario?: string;
  level?: number;
  mode: BridgeMode;
  ros?: RosVersion;
  profile?: Partial<MobileBaseProfile>;
  robot?: Partial<MobileBaseProfile>;
}): Promise<Rig> {
  const base = loadTopicProfile('nav-base');
  if (base.family !== 'mobile-base') throw new Error('nav-base must be a mobile-base profile');
  const scenarioId = opts.scenario ?? 'nav/crossing-pedestrian';
  const served = { ...base, site: scenarioId, ...opts.robot };
  return assemble<MobileBaseProfile>(
    { ...base, site: scenarioId, ...opts.profile },
    findScenario(scenarioId),
    opts.level ?? 0,
    opts.mode,
    () => scriptedNavPolicy('careful'),
    opts.ros,
    served,
  );
}

/** An arm: the bundled arm profile at a manipulation scenario (the shared-workspace reach by default). */
export async function startArmRig(opts: {
  scenario?: string;
  level?: number;
  mode: BridgeMode;
  profile?: Partial<ArmProfile>;
  ros?: RosVersion;
}): Promise<ArmRig> {
  const loaded = loadTopicProfile('arm-forward-velocity');
  if (loaded.family !== 'arm') throw new Error('arm-forward-velocity must be an arm profile');
  const scenarioId = opts.scenario ?? 'manip/shared-workspace-reach';
  const scenario = findAnyScenario(scenarioId) as LoadedArmScenario;
  const rig = await assemble<ArmProfile>(
    { ...loaded, site: scenarioId, ...opts.profile },
    scenario,
    opts.level ?? 0,
    opts.mode,
    () => scriptedArmPolicy('careful'),
    opts.ros,
  );
  return { ...rig, scenario };
}

/** A policy wrapper whose output a test can override (NaN, distinctive values) while it runs. */
export function steerable(inner: Policy = scriptedNavPolicy('careful')): Policy & { override: ((obs: Float32Array) => number[]) | undefined; calls: number } {
  const p = {
    info: { ...inner.info, id: 'test/steerable' },
    override: undefined as ((obs: Float32Array) => number[]) | undefined,
    calls: 0,
    async act(obs: Float32Array) {
      p.calls += 1;
      return p.override ? Float32Array.from(p.override(obs)) : inner.act(obs);
    },
    actBatch: (b: Float32Array[]) => Promise.all(b.map((o) => p.act(o))),
    close: async () => {},
  };
  return p;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
