import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Policy } from '../../policies/policy.js';
import { findAnyScenario, isArmSpec, resolveAnyScenario, resolveArmScenario, type AnyLoadedScenario } from '../../scenarios/index.js';
import { armModelFor } from '../../sim/arm/arm-model-for.js';
import { checkPolicyFor } from '../../sim/run/policy-check.js';
import { writeEpisodeFile } from '../../sim/record/index.js';
import type { EngineVersions, EpisodeRecord } from '../../sim/index.js';
import type { CliCommand } from '../../sim/cli/cli-command.js';
import { UsageError } from '../../sim/cli/usage-error.js';
import { checkBridgeAddress } from '../envelope/address-guard.js';
import { HIL_EXIT, hilExitCode, RELEASE_SERVICE } from './hil-exit.js';
import { runLiveEpisode } from '../live/run-live-episode.js';
import { DEFAULT_ARM_PROFILE, DEFAULT_PROFILE, profileOrUsage } from '../profile/load-profile.js';
import type { TopicProfile } from '../profile/topic-profile.js';
import { checkArmJoints } from '../world/arm-robot.js';
import { RosbridgeWorld, type BridgeMode } from '../world/rosbridge-world.js';

const USAGE = `erosion hil --url ws://127.0.0.1:9090 --mode shadow|live [--profile P] [--policy REF]
            [--scenario ID|FILE] [--level L] [--duration S] [--out DIR] [--token T]
            [--release-on terminal|service|none] [--link-lost-after S]

  Runs a policy against a robot over rosbridge (ROS 1 or ROS 2), judged by the same monitors as the
  simulator and recorded as the same MCAP replay. Mobile bases and arms.
    shadow  the policy sees live telemetry; its commands are judged and recorded, never sent
    live    its commands go to the robot through the safety envelope (clamps, rate limit,
            stop on stale telemetry or lost link, protective stop on a violation)
  --profile   topic profile, bundled id or YAML file (default ${DEFAULT_PROFILE}, or
              ${DEFAULT_ARM_PROFILE} when --scenario is a manipulation scenario)
  --policy    as for erosion run; required for an arm (e.g. scripted/arm-careful)
  --scenario  the site (goal, zones, monitors); default: the profile's site
  --token     bearer token for a wss:// proxy (or EROSION_BRIDGE_TOKEN); required off loopback
  --release-on  what may release a protective stop (only while no monitor is violated):
              terminal  typing "reset" and Enter (the default when run in a terminal)
              service   calling the std_srvs/Trigger service ${RELEASE_SERVICE} (live mode)
              none      nothing: the stop holds to the end (the default without a terminal)
  --link-lost-after  end the session (outcome link-lost) once the link has been down this
              many seconds (default 3)
  Exit code: 0 safe, 1 unsafe (a monitor was violated), 2 usage error or no telemetry,
  ${HIL_EXIT.linkLost} link lost, ${HIL_EXIT.interrupted} interrupted (Ctrl-C). The replay is written on every outcome.`;

export interface HilDeps {
  loadPolicy(ref: string): Promise<Policy>;
  engine(): Promise<EngineVersions>;
  defaultPolicy: string;
}

export function hilCommand(deps: HilDeps): CliCommand {
  return {
    name: 'hil',
    summary: 'run a policy on a real robot over rosbridge (shadow or live), with the safety envelope',
    usage: USAGE,
    async run(args, io) {
      let values;
      try {
        ({ values } = parseArgs({
          args,
          strict: true,
          options: {
            url: { type: 'string' },
            mode: { type: 'string' },
            profile: { type: 'string' },
            policy: { type: 'string' },
            scenario: { type: 'string' },
            level: { type: 'string' },
            duration: { type: 'string', default: '60' },
            out: { type: 'string' },
            token: { type: 'string' },
            'release-on': { type: 'string' },
            'link-lost-after': { type: 'string', default: '3' },
          },
        }));
      } catch (err) {
        throw new UsageError(`hil: ${(err as Error).message}`);
      }
      if (!values.url) throw new UsageError('hil: --url is required (e.g. ws://127.0.0.1:9090)');
      if (values.mode !== 'shadow' && values.mode !== 'live') throw new UsageError('hil: --mode must be shadow or live');
      const mode: BridgeMode = values.mode;
      const token = values.token ?? process.env.EROSION_BRIDGE_TOKEN;
      try {
        checkBridgeAddress(values.url, token);
      } catch (err) {
        throw new UsageError(`hil: ${(err as Error).message}`);
      }
      const releaseOn = values['release-on'] ?? (process.stdin.isTTY ? 'terminal' : 'none');
      if (!['terminal', 'service', 'none'].includes(releaseOn)) throw new UsageError(`hil: --release-on "${releaseOn}" must be terminal, service or none`);
      const linkLostSec = Number(values['link-lost-after']);
      if (!(linkLostSec > 0) || !Number.isFinite(linkLostSec))
        throw new UsageError(`hil: --link-lost-after "${values['link-lost-after']}" must be > 0 seconds`);
      const durationSec = Number(values.duration);
      if (!(durationSec > 0) || !Number.isFinite(durationSec)) throw new UsageError(`hil: --duration "${values.duration}" must be > 0 seconds`);
      const scenarioGiven = values.scenario !== undefined ? siteOrUsage(values.scenario) : undefined;
      const profile = profileOrUsage(values.profile ?? (scenarioGiven && isArmSpec(scenarioGiven.spec) ? DEFAULT_ARM_PROFILE : DEFAULT_PROFILE));
      const site = scenarioGiven ?? siteOrUsage(profile.site);
      const levels = site.spec.levels.map((l) => l.level);
      const level = values.level !== undefined ? Number(values.level) : (profile.level ?? Math.max(...levels));
      if (!levels.includes(level)) throw new UsageError(`hil: ${site.spec.id} has no level ${level} (has ${levels.join(', ')})`);
      const siteProblems = siteMismatch(profile, site);
      if (profile.family === 'arm' && values.policy === undefined) {
        throw new UsageError(`hil: --policy is required with an arm profile (${profile.id}), e.g. --policy scripted/arm-careful`);
      }

      const policy = await deps.loadPolicy(values.policy ?? deps.defaultPolicy);
      // Every way the policy, the profile and the site disagree, at once: a wrong one never starts.
      const problems = [...siteProblems, ...checkPolicyFor(policy, profile.family).map((p) => `policy ${policy.info.id}: ${p}`)];
      if (problems.length > 0) {
        await policy.close();
        throw new UsageError(
          `hil: cannot run ${policy.info.id} on profile ${profile.id} (${profile.family}) at ${site.spec.id}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
      const scene = resolveAnyScenario(site.spec, level, 0);
      let world: RosbridgeWorld;
      try {
        world = new RosbridgeWorld({ profile, scene, url: values.url, token, mode });
      } catch (err) {
        await policy.close();
        throw new UsageError(`hil: ${(err as Error).message}`);
      }
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      let resetAsked = false;
      const rl = releaseOn === 'terminal' && process.stdin.isTTY ? createInterface({ input: process.stdin }) : undefined;
      rl?.on('line', (line) => {
        if (line.trim() === 'reset') resetAsked = true;
      });
      let record: EpisodeRecord | undefined;
      let failure: Error | undefined;
      try {
        io.out(
          `hil ${mode}: ${policy.info.id} on ${values.url.replace(/\?.*$/, '')} (profile ${profile.id}, site ${site.spec.id} level ${level}) for ${durationSec} s`,
        );
        record = await runLiveEpisode({
          world,
          profile,
          site,
          level,
          policy,
          mode,
          url: values.url,
          engine: await deps.engine(),
          durationSec,
          linkLostSec,
          signal: controller.signal,
          ...(releaseOn === 'service' ? { releaseService: RELEASE_SERVICE } : {}),
          resetRequested: () => {
            const asked = resetAsked;
            resetAsked = false;
            return asked;
          },
          log: io.out,
        });
      } catch (err) {
        failure = err as Error;
      } finally {
        world.close();
        rl?.close();
        process.off('SIGINT', onSigint);
        await policy.close();
      }
      if (!record) throw failure ?? new Error('hil: the session ended without a record');
      const { outcome, summary } = record.footer;
      io.out(`outcome: ${outcome.kind} at ${outcome.timeSec.toFixed(2)} s${'message' in outcome ? ` (${outcome.message})` : ''}`);
      io.out(`unsafe: ${summary.unsafe ? 'yes' : 'no'}, severity ${summary.severity.toFixed(2)}; ${summary.steps} frames judged`);
      const c = world.envelope.counts;
      if (mode === 'live') {
        io.out(
          `envelope: ${world.published} published, ${c.stops} stops sent, ${c.clamped} clamped, ${c.rateLimited} rate-limited, ${c.discardedWhileDown} discarded while disconnected`,
        );
      } else {
        io.out(`envelope (shadow, nothing sent): would have stopped the robot ${c.stops} time(s), ${c.clamped} clamped, ${c.rateLimited} rate-limited`);
      }
      if (values.out) {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const path = resolve(values.out, `hil-${mode}-${stamp}.mcap`);
        await writeEpisodeFile(record, path);
        io.out(`replay: ${path}`);
      }
      return hilExitCode(outcome, summary.unsafe);
    },
  };
}

/** A site by id or path; an unknown or broken one is an input error. */
function siteOrUsage(ref: string): AnyLoadedScenario {
  try {
    return findAnyScenario(ref);
  } catch (err) {
    throw new UsageError(`hil: ${(err as Error).message}`);
  }
}

/** The site against the profile: the same robot family, and for an arm the same joints as its URDF. */
function siteMismatch(profile: TopicProfile, site: AnyLoadedScenario): string[] {
  const arm = isArmSpec(site.spec);
  if (arm !== (profile.family === 'arm')) {
    return [
      `site ${site.spec.id} is for ${arm ? 'an arm' : 'a mobile base'}, profile ${profile.id} drives ${profile.family === 'arm' ? 'an arm' : 'a mobile base'}`,
    ];
  }
  if (profile.family !== 'arm' || !isArmSpec(site.spec)) return [];
  try {
    return checkArmJoints(profile, armModelFor(resolveArmScenario(site.spec, Math.min(...site.spec.levels.map((l) => l.level)), 0)));
  } catch (err) {
    return [`site ${site.spec.id}: the arm's URDF cannot be read: ${(err as Error).message}`];
  }
}
