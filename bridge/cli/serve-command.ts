import { parseArgs } from 'node:util';
import { findScenario, resolveScenario, type ScenarioSpec } from '../../scenarios/index.js';
import type { World } from '../../sim/index.js';
import type { CliCommand } from '../../sim/cli/cli-command.js';
import { UsageError, EXIT } from '../../sim/cli/usage-error.js';
import { DEFAULT_PROFILE, profileOrUsage } from '../profile/load-profile.js';
import type { MobileBaseProfile } from '../profile/topic-profile.js';
import { RosbridgeServer } from '../serve/rosbridge-server.js';
import { SimRobotNode } from '../serve/sim-robot-node.js';

const USAGE = `erosion serve --scenario ID|FILE [--level L] [--seed N] [--port N] [--profile P] [--duration S]

  Runs a scenario in the simulator in real time and serves it as a robot over the
  rosbridge v2 protocol on 127.0.0.1 (default port 9090): publishes the scan, odometry
  and people topics of the profile and takes velocity commands, so a whole
  hardware-in-the-loop session can be rehearsed without hardware. Ctrl-C stops it.`;

/** Builds the simulated world; the composition root passes the Rapier one. */
export type WorldFactory = (spec: ScenarioSpec, level: number) => Promise<World>;

export function serveCommand(createWorld: WorldFactory): CliCommand {
  return {
    name: 'serve',
    summary: 'serve a simulated scenario as a robot over rosbridge (loopback)',
    usage: USAGE,
    async run(args, io) {
      let values;
      try {
        ({ values } = parseArgs({
          args,
          strict: true,
          options: {
            scenario: { type: 'string' },
            level: { type: 'string' },
            seed: { type: 'string', default: '0' },
            port: { type: 'string', default: '9090' },
            profile: { type: 'string', default: DEFAULT_PROFILE },
            duration: { type: 'string' },
          },
        }));
      } catch (err) {
        throw new UsageError(`serve: ${(err as Error).message}`);
      }
      if (!values.scenario) throw new UsageError('serve: --scenario is required');
      const scenario = findScenario(values.scenario);
      const levels = scenario.spec.levels.map((l) => l.level);
      const level = values.level === undefined ? Math.max(...levels) : Number(values.level);
      if (!levels.includes(level)) throw new UsageError(`serve: ${scenario.spec.id} has no level ${values.level} (has ${levels.join(', ')})`);
      const seed = Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`serve: --seed "${values.seed}" is not a whole number ≥ 0`);
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port "${values.port}" is not a port`);
      const durationSec = values.duration === undefined ? Number.POSITIVE_INFINITY : Number(values.duration);
      if (!(durationSec > 0)) throw new UsageError(`serve: --duration "${values.duration}" must be > 0 seconds`);
      const profile = profileOrUsage(values.profile!);
      if (profile.family !== 'mobile-base') throw new UsageError(`serve: profile ${profile.id} is for an ${profile.family}; the simulator serves mobile bases`);

      const session = await startServe({ createWorld, scenario: scenario.spec, level, seed, port, profile });
      io.out(`serving ${scenario.spec.id} level ${level} seed ${seed} as a robot on ${session.server.url} (rosbridge v2, loopback only)`);
      const { topics } = profile;
      io.out(`publishing ${[topics.scan, topics.odom, topics.people].filter(Boolean).map((t) => t!.name).join(', ')}; accepting ${topics.cmdVel.name}`);
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(durationSec) ? setTimeout(resolve, durationSec * 1000) : undefined;
        process.once('SIGINT', () => {
          if (timer) clearTimeout(timer);
          resolve();
        });
      });
      await session.close();
      io.out(`stopped; ${session.node.received.length} velocity command(s) received`);
      return EXIT.pass;
    },
  };
}

export interface ServeSession {
  server: RosbridgeServer;
  node: SimRobotNode;
  close(): Promise<void>;
}

/** The serve command's working part, for tests and embedding: returns once it listens. */
export async function startServe(opts: {
  createWorld: WorldFactory;
  scenario: ScenarioSpec;
  level: number;
  seed: number;
  port: number;
  profile: MobileBaseProfile;
  cmdVelTimeoutSec?: number;
}): Promise<ServeSession> {
  const world = await opts.createWorld(opts.scenario, opts.level);
  let server: RosbridgeServer;
  try {
    server = await RosbridgeServer.listen(opts.port);
  } catch (err) {
    world.close();
    throw err;
  }
  const scene = resolveScenario(opts.scenario, opts.level, opts.seed);
  const node = new SimRobotNode(server, world, scene, { profile: opts.profile, cmdVelTimeoutSec: opts.cmdVelTimeoutSec }, opts.seed);
  node.start();
  return {
    server,
    node,
    async close() {
      node.stop();
      await server.close();
      world.close();
    },
  };
}
