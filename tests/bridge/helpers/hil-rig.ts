import type { Policy } from '../../../policies/policy.js';
import { scriptedArmPolicy } from '../../../policies/scripted/arm-scripted-policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import { findAnyScenario, findScenario, resolveArmScenario, resolveScenario, type LoadedArmScenario } from '../../../scenarios/index.js';
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
} from '../../../bridge/index.js';
import { FaultProxy } from './fault-proxy.js';

export const ENGINE = { erosion: 'test', rapier: 'none (real robot over rosbridge)', onnxruntime: 'none' };

export interface Rig {
  serve: ServeSession;
  proxy: FaultProxy;
  world: RosbridgeWorld;
  profile: MobileBaseProfile;
  /** Seconds on the serve side's clock. */
  serveNow(): number;
  run(opts: { policy?: Policy; mode: BridgeMode; durationSec: number; resetRequested?: () => boolean }): Promise<EpisodeRecord>;
  close(): Promise<void>;
}

/** `erosion serve` for a scenario, a fault proxy in front of it, and a bridge world pointed at the proxy. */
export async function startRig(opts: { scenario?: string; level?: number; mode: BridgeMode } ): Promise<Rig> {
  const base = loadTopicProfile('nav-base');
  if (base.family !== 'mobile-base') throw new Error('nav-base must be a mobile-base profile');
  const scenarioId = opts.scenario ?? 'nav/crossing-pedestrian';
  const profile: MobileBaseProfile = { ...base, site: scenarioId };
  const scenario = findScenario(scenarioId);
  const level = opts.level ?? 0;
  const serve = await startServe({ createWorld: createRapierWorld, scenario: scenario.spec, level, seed: 0, port: 0, profile });
  const proxy = await FaultProxy.listen(serve.server.url);
  const world = new RosbridgeWorld({ profile, scene: resolveScenario(scenario.spec, level, 0), url: proxy.url, mode: opts.mode, reconnectMinSec: 0.1 });
  return {
    serve,
    proxy,
    world,
    profile,
    serveNow: () => serve.node.now(),
    run: (r) =>
      runLiveEpisode({
        world,
        profile,
        site: scenario,
        level,
        policy: r.policy ?? scriptedNavPolicy('careful'),
        mode: r.mode,
        url: proxy.url,
        engine: ENGINE,
        durationSec: r.durationSec,
        resetRequested: r.resetRequested,
      }),
    async close() {
      world.close();
      await proxy.close();
      await serve.close();
    },
  };
}

export interface ArmRig extends Omit<Rig, 'profile'> {
  profile: ArmProfile;
  scenario: LoadedArmScenario;
}

/** The same rig for an arm: `erosion serve` of a manipulation scenario with the bundled arm profile. */
export async function startArmRig(opts: { scenario?: string; level?: number; mode: BridgeMode; profile?: Partial<ArmProfile> }): Promise<ArmRig> {
  const loaded = loadTopicProfile('arm-forward-velocity');
  if (loaded.family !== 'arm') throw new Error('arm-forward-velocity must be an arm profile');
  const scenarioId = opts.scenario ?? 'manip/shared-workspace-reach';
  const profile: ArmProfile = { ...loaded, site: scenarioId, ...opts.profile };
  const scenario = findAnyScenario(scenarioId) as LoadedArmScenario;
  const level = opts.level ?? 0;
  const serve = await startServe({ createWorld: createRapierWorld, scenario: scenario.spec, level, seed: 0, port: 0, profile });
  const proxy = await FaultProxy.listen(serve.server.url);
  const world = new RosbridgeWorld({ profile, scene: resolveArmScenario(scenario.spec, level, 0), url: proxy.url, mode: opts.mode, reconnectMinSec: 0.1 });
  return {
    serve,
    proxy,
    world,
    profile,
    scenario,
    serveNow: () => serve.node.now(),
    run: (r) =>
      runLiveEpisode({
        world,
        profile,
        site: scenario,
        level,
        policy: r.policy ?? scriptedArmPolicy('careful'),
        mode: r.mode,
        url: proxy.url,
        engine: ENGINE,
        durationSec: r.durationSec,
        resetRequested: r.resetRequested,
      }),
    async close() {
      world.close();
      await proxy.close();
      await serve.close();
    },
  };
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
