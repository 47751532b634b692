import { parseArgs } from 'node:util';
import {
  findAnyScenario,
  isArmSpec,
  resolveArmScenario,
  resolveScenario,
  type AnyLoadedScenario,
  type AnyScenarioSpec,
  type ArmScenarioSpec,
  type ScenarioSpec,
} from '../../scenarios/index.js';
import { armModelFor } from '../../sim/arm/arm-model-for.js';
import type { World } from '../../sim/index.js';
import type { CliCommand } from '../../sim/cli/cli-command.js';
import { UsageError, EXIT } from '../../sim/cli/usage-error.js';
import { DEFAULT_ARM_PROFILE, DEFAULT_PROFILE, profileOrUsage } from '../profile/load-profile.js';
import { commandTopics, familyMismatch, telemetryTopics, type TopicProfile } from '../profile/topic-profile.js';
import { rosTypeName, type RosVersion } from '../messages/ros-dialect.js';
import type { HubOptions } from '../serve/rosbridge-hub.js';
import { RosbridgeServer } from '../serve/rosbridge-server.js';
import { servedArm, type ReceivedJointCommand } from '../serve/served-arm.js';
import { servedBase, type ReceivedCommand } from '../serve/served-base.js';
import type { ServedRobot } from '../serve/served-robot.js';
import { SimRobotNode } from '../serve/sim-robot-node.js';

const USAGE = `erosion serve --scenario ID|FILE [--level L] [--seed N] [--port N] [--profile P] [--duration S] [--ros 1|2]

  Runs a scenario in the simulator in real time and serves it as a robot over the
  rosbridge v2 protocol on 127.0.0.1 (default port 9090), so a whole hardware-in-the-loop
  session can be rehearsed without hardware. --ros 1 behaves as rosbridge on ROS 1 does
  (pkg/Type names only, {secs, nsecs} times, errors only in this terminal, a new
  publisher's first messages delivered late in a burst); the default is ROS 2.
  A navigation scenario is a mobile base
  (scan, odometry and people out, velocity commands in; profile ${DEFAULT_PROFILE}); a
  manipulation scenario is an arm (joint states and people's body regions out, joint
  velocity commands in; profile ${DEFAULT_ARM_PROFILE}). Ctrl-C stops it.`;

/** Builds the simulated world; the composition root passes the Rapier one. */
export type WorldFactory = (spec: AnyScenarioSpec, level: number) => Promise<World>;

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
            profile: { type: 'string' },
            duration: { type: 'string' },
            ros: { type: 'string', default: '2' },
          },
        }));
      } catch (err) {
        throw new UsageError(`serve: ${(err as Error).message}`);
      }
      if (!values.scenario) throw new UsageError('serve: --scenario is required');
      let scenario: AnyLoadedScenario;
      try {
        scenario = findAnyScenario(values.scenario);
      } catch (err) {
        throw new UsageError(`serve: ${(err as Error).message}`);
      }
      const levels = scenario.spec.levels.map((l) => l.level);
      const level = values.level === undefined ? Math.max(...levels) : Number(values.level);
      if (!levels.includes(level)) throw new UsageError(`serve: ${scenario.spec.id} has no level ${values.level} (has ${levels.join(', ')})`);
      const seed = Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`serve: --seed "${values.seed}" is not a whole number ≥ 0`);
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port "${values.port}" is not a port`);
      const durationSec = values.duration === undefined ? Number.POSITIVE_INFINITY : Number(values.duration);
      if (!(durationSec > 0)) throw new UsageError(`serve: --duration "${values.duration}" must be > 0 seconds`);
      if (values.ros !== '1' && values.ros !== '2') throw new UsageError(`serve: --ros "${values.ros}" must be 1 or 2`);
      const ros: RosVersion = values.ros === '1' ? 1 : 2;
      const arm = isArmSpec(scenario.spec);
      const profile = profileOrUsage(values.profile ?? (arm ? DEFAULT_ARM_PROFILE : DEFAULT_PROFILE));
      let session: ServeSession;
      try {
        session = await startServe({ createWorld, scenario: scenario.spec, level, seed, port, profile, ros });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`serve: port ${port} is in use; pick another with --port`);
        throw new UsageError(`serve: ${(err as Error).message}`);
      }
      io.out(`serving ${scenario.spec.id} level ${level} seed ${seed} as a robot on ${session.server.url} (rosbridge v2, ROS ${ros}, loopback only)`);
      const command = commandTopics(profile)[0]!;
      io.out(
        `publishing ${telemetryTopics(profile)
          .map((t) => t.name)
          .join(', ')}; accepting ${command.name} (${rosTypeName(command.type, ros)})`,
      );
      // rosbridge logs what it refuses in its own terminal (on ROS 1 the client is told nothing): so does this, at most a few lines a second.
      let logWindowSec = 0;
      let logLines = 0;
      session.server.on('log', (level: string, text: string, clientId: number) => {
        const nowSec = Math.floor(performance.now() / 1000);
        if (nowSec !== logWindowSec) [logWindowSec, logLines] = [nowSec, 0];
        if (++logLines <= 5) io.out(`[rosbridge] ${level}: [client ${clientId}] ${text.slice(0, 300)}`);
      });
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(durationSec) ? setTimeout(resolve, durationSec * 1000) : undefined;
        process.once('SIGINT', () => {
          if (timer) clearTimeout(timer);
          resolve();
        });
      });
      await session.close();
      io.out(`stopped; ${session.node.commandsReceived} command(s) received`);
      return EXIT.pass;
    },
  };
}

export interface ServeSession {
  server: RosbridgeServer;
  node: SimRobotNode;
  /** The velocity commands a served mobile base received (the newest, bounded), in order, as they came over the wire. */
  received: ReceivedCommand[];
  /** The joint commands a served arm received (the newest, bounded), in order, as they came over the wire. */
  receivedJoints: ReceivedJointCommand[];
  close(): Promise<void>;
}

/** diff_drive_controller's default cmd_vel_timeout. */
const BASE_COMMAND_TIMEOUT_SEC = 0.5;

/** The serve command's working part, for tests and embedding: returns once it listens. */
export async function startServe(opts: {
  createWorld: WorldFactory;
  scenario: AnyScenarioSpec;
  level: number;
  seed: number;
  port: number;
  profile: TopicProfile;
  /** Overrides the controller's command timeout (base: 0.5 s; a forward velocity controller holds its last command). */
  commandTimeoutSec?: number;
  /** Which rosbridge_server to behave as (default 2), and its timings (see rosbridge-hub.ts). */
  ros?: RosVersion;
  server?: Omit<HubOptions, 'ros'>;
}): Promise<ServeSession> {
  const { scenario, profile } = opts;
  const received: ReceivedCommand[] = [];
  const receivedJoints: ReceivedJointCommand[] = [];
  let robot: ServedRobot;
  let rates: { physicsHz: number; controlHz: number };
  let timeoutSec: number;
  const mismatch = familyMismatch(profile, scenario.id, isArmSpec(scenario));
  if (mismatch) throw new Error(mismatch);
  // The families agree (checked above): the profile's family says which robot to serve.
  if (profile.family === 'arm') {
    const scene = resolveArmScenario(scenario as ArmScenarioSpec, opts.level, opts.seed);
    robot = servedArm(profile, scene, armModelFor(scene), receivedJoints);
    rates = scene;
    // forward_command_controller has no timeout: the last command stands until the next.
    timeoutSec = Number.POSITIVE_INFINITY;
  } else {
    const scene = resolveScenario(scenario as ScenarioSpec, opts.level, opts.seed);
    robot = servedBase(profile, scene, received);
    rates = scene;
    timeoutSec = BASE_COMMAND_TIMEOUT_SEC;
  }
  const world = await opts.createWorld(scenario, opts.level);
  let server: RosbridgeServer;
  try {
    server = await RosbridgeServer.listen(opts.port, { ...opts.server, ros: opts.ros ?? 2 });
  } catch (err) {
    world.close();
    throw err;
  }
  const node = new SimRobotNode(
    server,
    world,
    { robot, physicsHz: rates.physicsHz, controlHz: rates.controlHz, commandTimeoutSec: opts.commandTimeoutSec ?? timeoutSec },
    opts.seed,
  );
  node.start();
  return {
    server,
    node,
    received,
    receivedJoints,
    async close() {
      node.stop();
      await server.close();
      world.close();
    },
  };
}
