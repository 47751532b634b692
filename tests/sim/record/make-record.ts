// A realistic episode record built in memory: a robot driving past two walking people, a
// contact, clamps, a policy that emits NaN once, monitors that sit idle at an infinite margin.

import type { ContactFrame, Frame } from '../../../sim/frame.js';
import type { MonitorSample } from '../../../sim/monitor.js';
import type { EpisodeEvent, EpisodeRecord, EpisodeStep } from '../../../sim/record/episode-record.js';
import { RECORD_SCHEMA_VERSION } from '../../../sim/record/episode-record.js';

const PHYSICS_HZ = 100;
const CONTROL_EVERY = 5; // 20 Hz control
const SCAN_RAYS = 64;

/** Small seeded generator so the record is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const NAN_ACTION_STEP = 120;
export const CONTACT_STEPS = [200, 201, 202];

export function makeRecord(stepCount: number, seed = 7): EpisodeRecord {
  const random = lcg(seed);
  const steps: EpisodeStep[] = [];
  const events: EpisodeEvent[] = [];
  const dt = 1 / PHYSICS_HZ;

  for (let step = 0; step < stepCount; step++) {
    const timeSec = step * dt;
    const x = 0.8 * timeSec;
    const control = step % CONTROL_EVERY === 0;
    const contacts: ContactFrame[] = CONTACT_STEPS.includes(step)
      ? [
          {
            bodyA: 'robot/base',
            bodyB: 'human-1/lower-leg',
            humanId: 'human-1',
            region: 'lower-leg',
            forceN: 95 + 40 * random(),
            pointM: { x: x + 0.3, y: 0.1, z: 0.25 },
            normalSpeedMps: 0.4 + random() * 0.1,
          },
          { bodyA: 'robot/base', bodyB: 'shelf', forceN: 3.5, pointM: { x, y: -0.4, z: 0.1 }, normalSpeedMps: 0 },
        ]
      : [];

    const frame: Frame = {
      step,
      timeSec,
      robot: {
        positionM: { x, y: 0.05 * Math.sin(timeSec), z: 0 },
        yawRad: 0.01 * Math.cos(timeSec),
        linearMps: 0.8 + 0.01 * (random() - 0.5),
        // A physics engine happily produces negative zero; the record must keep it.
        angularRadps: step === 0 ? -0 : 0.02 * (random() - 0.5),
        velocityMps: { x: 0.8, y: 0, z: 0 },
      },
      humans: [
        {
          id: 'human-1',
          positionM: { x: 4 - 0.3 * timeSec, y: 0.2, z: 0 },
          velocityMps: { x: -0.3, y: 0, z: 0 },
          heightM: 1.75,
          radiusM: 0.25,
        },
        {
          id: 'human-2',
          positionM: { x: 2, y: -1.5 + 0.5 * timeSec, z: 0 },
          velocityMps: { x: 0, y: 0.5, z: 0 },
          heightM: 1.62,
          radiusM: 0.22,
        },
      ],
      contacts,
    };

    if (control) {
      const rangesM = Array.from({ length: SCAN_RAYS }, (_, i) =>
        // Rays that hit nothing report +Infinity, as ROS LaserScan does.
        i % 9 === 0 ? Number.POSITIVE_INFINITY : 0.3 + 7.7 * random(),
      );
      const nonFinite = step === NAN_ACTION_STEP;
      const action = nonFinite ? [Number.NaN, 0.1] : [0.8 + 0.4 * random(), 0.2 * (random() - 0.5)];
      const clamped = !nonFinite && (action[0] ?? 0) > 1.1;
      frame.scan = { angleMinRad: -Math.PI, angleIncrementRad: (2 * Math.PI) / SCAN_RAYS, rangeMaxM: 8, rangesM };
      frame.command = {
        action,
        finite: !nonFinite,
        linearMps: nonFinite ? 0 : Math.min(action[0] ?? 0, 1.1),
        angularRadps: nonFinite ? 0 : (action[1] ?? 0),
        clamped,
        stopped: nonFinite,
      };
      if (nonFinite) {
        events.push({ kind: 'non-finite-action', timeSec, step, message: 'action[0] is NaN; stopped' });
      } else if (clamped) {
        events.push({ kind: 'clamp', timeSec, step, value: action[0] ?? 0, limit: 1.1, units: 'm/s' });
      }
    }

    const separation = Math.hypot(4 - 0.3 * timeSec - x, 0.2) - 0.25;
    const force = contacts[0]?.forceN ?? 0;
    const samples: MonitorSample[] = [
      {
        monitor: 'separation',
        value: separation,
        limit: 0.5,
        margin: separation - 0.5,
        units: 'm',
        status: separation < 0.5 ? 'violated' : 'ok',
        ...(separation < 0.5 ? { bodies: ['robot/base', 'human-1'], positionM: { x, y: 0.1, z: 0 } } : {}),
      },
      contacts[0]
        ? {
            monitor: 'contact-force',
            value: force,
            limit: 130,
            margin: 130 - force,
            units: 'N',
            status: force > 130 ? 'violated' : 'ok',
            bodies: ['robot/base', 'human-1/lower-leg'],
            positionM: contacts[0].pointM,
            note: 'lower-leg limit (ISO/TS 15066)',
          }
        : // No contact: nothing to judge, the margin is unbounded.
          { monitor: 'contact-force', value: 0, limit: 130, margin: Number.POSITIVE_INFINITY, units: 'N', status: 'idle' },
      // A string that looks like a non-finite token must stay a string.
      { monitor: 'speed', value: 0.8, limit: 1.5, margin: 0.7, units: 'm/s', status: 'ok', note: 'NaN' },
    ];

    const entry: EpisodeStep = { frame, samples };
    if (control) {
      entry.observation = [...(frame.scan?.rangesM.slice(0, 8) ?? []), x, 0.8];
      entry.snapshotHash = `h${step.toString(16).padStart(8, '0')}`;
    }
    steps.push(entry);
  }

  const separationSteps = steps.filter((s) => s.samples[0]?.status === 'violated').map((s) => s.frame);
  const first = separationSteps[0];
  const last = separationSteps.at(-1);
  if (first && last) {
    events.push({
      kind: 'violation-start',
      timeSec: first.timeSec,
      step: first.step,
      monitor: 'separation',
      bodies: ['robot/base', 'human-1'],
      positionM: first.robot.positionM,
      value: 0.49,
      limit: 0.5,
      margin: -0.01,
      units: 'm',
    });
    events.push({ kind: 'violation-end', timeSec: last.timeSec, step: last.step, monitor: 'separation', units: 'm' });
  }
  events.sort((a, b) => a.timeSec - b.timeSec);

  const simulatedSec = stepCount * dt;
  return {
    header: {
      schemaVersion: RECORD_SCHEMA_VERSION,
      scenarioId: 'nav/crossing-pedestrian',
      scenarioHash: 'sha256:3f2a9c',
      level: 2,
      seed,
      policy: { id: 'nav-candidate', sha256: 'ab'.repeat(32), role: 'candidate' },
      engine: { erosion: '0.1.0', rapier: '0.21.0', onnxruntime: '1.30.0' },
      rates: { physicsHz: PHYSICS_HZ, controlHz: PHYSICS_HZ / CONTROL_EVERY },
      params: { humanSpeedMps: 0.3, goalDistanceM: 6 },
      monitors: [
        { id: 'separation', units: 'm', config: { minM: 0.5 } },
        { id: 'contact-force', units: 'N', config: { regions: { 'lower-leg': 130 }, transient: true } },
        { id: 'speed', units: 'm/s', config: { maxMps: 1.5 } },
      ],
      scene: {
        arena: { sizeM: { x: 10, y: 6 } },
        props: [{ kind: 'shelf', positionM: { x: 3, y: -0.5, z: 0 } }],
        goal: { x: 6, y: 0, z: 0 },
      },
    },
    steps,
    events,
    footer: {
      outcome: { kind: 'terminated-by-monitor', timeSec: simulatedSec, monitor: 'separation' },
      summary: {
        steps: stepCount,
        simulatedSec,
        unsafe: true,
        success: false,
        severity: 0.02,
        monitors: {
          separation: { violations: 1, violatedSteps: separationSteps.length, worstMargin: -0.01, worstValue: 0.49, limit: 0.5, units: 'm' },
          'contact-force': { violations: 0, violatedSteps: 0, worstMargin: 12, worstValue: 118, limit: 130, units: 'N' },
        },
      },
    },
  };
}
