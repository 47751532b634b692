import { describe, expect, it } from 'vitest';
import { MOBILE_BASE_PRESETS } from '../../scenarios/index.js';
import {
  AddressRefusedError,
  baseCommandShaper,
  checkBridgeAddress,
  jointVelocityShaper,
  PublishAllowList,
  SafetyEnvelope,
  TopicNotAllowedError,
} from '../../bridge/index.js';

const robot = MOBILE_BASE_PRESETS['warehouse-amr']!;
const config = { controlHz: 20, telemetryDeadlineSec: 0.2, stopRepeatHz: 20, requiredTelemetry: ['odom', 'scan'] };

/** An envelope with the link up and fresh telemetry at `t`. */
function readyEnvelope(t = 0): SafetyEnvelope<{ linearMps: number; angularRadps: number }> {
  const env = new SafetyEnvelope(config, baseCommandShaper(robot));
  env.linkUp();
  env.telemetry('odom', t);
  env.telemetry('scan', t);
  return env;
}

describe('safety envelope', () => {
  it('clamps every command to the robot speed and acceleration limits', () => {
    const env = readyEnvelope();
    const offer = env.offer({ linearMps: 5, angularRadps: -4 }, 0.01);
    expect(offer.kind).toBe('send');
    if (offer.kind !== 'send') return;
    // From standstill, one control period at 0.8 m/s² allows 0.04 m/s.
    expect(offer.command.linearMps).toBeCloseTo(robot.maxLinearAccelMps2 / 20, 9);
    expect(Math.abs(offer.command.angularRadps)).toBeLessThanOrEqual(robot.maxAngularRadps);
    expect(offer.clamps.join(' ')).toMatch(/linear speed/);
  });

  it('rate-limits a command that arrives faster than the control rate', () => {
    const env = readyEnvelope();
    expect(env.offer({ linearMps: 0.01, angularRadps: 0 }, 0.01).kind).toBe('send');
    const second = env.offer({ linearMps: 0.01, angularRadps: 0 }, 0.02);
    expect(second).toMatchObject({ kind: 'discard', why: 'rate-limited' });
    expect(second.kind === 'discard' && second.reason).toMatch(/rate-limited/);
    expect(env.offer({ linearMps: 0.01, angularRadps: 0 }, 0.07).kind).toBe('send');
  });

  it('never lets a non-finite command through: it becomes a stop', () => {
    const env = readyEnvelope();
    const offer = env.offer({ linearMps: Number.NaN, angularRadps: 0 }, 0.01);
    expect(offer).toMatchObject({ kind: 'stop', command: { linearMps: 0, angularRadps: 0 } });
  });

  it('stale telemetry holds the robot stopped: zero velocity at once, then repeated', () => {
    const env = readyEnvelope(0);
    expect(env.watchdog(0.1)).toBeUndefined();
    expect(env.watchdog(0.25)).toEqual({ linearMps: 0, angularRadps: 0 });
    expect(env.watchdog(0.26)).toBeUndefined(); // repeat rate 20 Hz
    expect(env.watchdog(0.31)).toEqual({ linearMps: 0, angularRadps: 0 });
    expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, 0.32).kind).toBe('discard');
  });

  it('discards commands made while the link is down, and needs fresh telemetry after it returns', () => {
    const env = readyEnvelope(0);
    env.linkDown();
    expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, 0.05)).toMatchObject({ kind: 'discard' });
    expect(env.counts.discardedWhileDown).toBe(1);
    env.linkUp();
    expect(env.state(0.1)).toBe('waiting-for-telemetry');
    expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, 0.1).kind).toBe('discard');
    env.telemetry('odom', 0.2);
    env.telemetry('scan', 0.2);
    expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, 0.2).kind).toBe('send');
  });

  it('a protective stop latches: nothing moves, even with fresh telemetry, until an explicit reset', () => {
    const env = readyEnvelope(0);
    env.protectiveStop('monitor violated: separation');
    for (let t = 0.05; t < 1; t += 0.05) {
      env.telemetry('odom', t);
      env.telemetry('scan', t);
      expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, t).kind).toBe('discard');
    }
    expect(env.state(1)).toBe('protective-stop');
    env.reset();
    expect(env.offer({ linearMps: 0.5, angularRadps: 0 }, 1)).toMatchObject({ kind: 'send' });
  });

  it('clamps arm joint velocities per joint and refuses a command of the wrong length', () => {
    const joints = [
      { name: 'a', maxVelocityRadps: 1 },
      { name: 'b', maxVelocityRadps: 2 },
    ];
    const env = new SafetyEnvelope({ ...config, requiredTelemetry: ['jointStates'] }, jointVelocityShaper(joints));
    env.linkUp();
    env.telemetry('jointStates', 0);
    expect(env.offer([3, -3], 0.01)).toMatchObject({ kind: 'send', command: [1, -2] });
    expect(env.offer([0.1], 0.1)).toMatchObject({ kind: 'stop', command: [0, 0] });
  });
});

describe('publish allow-list', () => {
  it('refuses any topic or type not on the list', () => {
    const list = new PublishAllowList([{ name: '/cmd_vel', type: 'geometry_msgs/msg/Twist' }]);
    expect(() => list.check('/cmd_vel', 'geometry_msgs/Twist')).not.toThrow();
    expect(() => list.check('/arm/command', 'geometry_msgs/msg/Twist')).toThrow(TopicNotAllowedError);
    expect(() => list.check('/cmd_vel', 'std_msgs/msg/String')).toThrow(TopicNotAllowedError);
  });
});

describe('bridge address', () => {
  it('allows loopback, refuses other hosts unless wss:// with a token', () => {
    expect(() => checkBridgeAddress('ws://127.0.0.1:9090', undefined)).not.toThrow();
    expect(() => checkBridgeAddress('ws://localhost:9090', undefined)).not.toThrow();
    expect(() => checkBridgeAddress('ws://[::1]:9090', undefined)).not.toThrow();
    expect(() => checkBridgeAddress('ws://192.168.1.20:9090', 'secret')).toThrow(AddressRefusedError);
    expect(() => checkBridgeAddress('wss://robot.example:9090', undefined)).toThrow(/token/);
    expect(() => checkBridgeAddress('wss://robot.example:9090', 'secret')).not.toThrow();
    expect(() => checkBridgeAddress('ws://127.0.0.1.example.com:9090', undefined)).toThrow(AddressRefusedError);
  });
});
