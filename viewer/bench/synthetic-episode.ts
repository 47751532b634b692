// A long episode with the shape and size of a real one (240 Hz steps, six monitors, a 180-beam
// scan and an observation at 20 Hz, two people, a contact, violations), made without physics
// so the benchmark can ask for any duration. Deterministic: no clock, no Math.random.

import type { ContactFrame } from '../../sim/frame.js';
import type { MonitorSample } from '../../sim/monitor.js';
import type { EpisodeEvent, EpisodeRecord, EpisodeStep } from '../../sim/record/episode-record.js';
import { RECORD_SCHEMA_VERSION } from '../../sim/record/episode-record.js';

const MONITORS = ['separation', 'contact-force', 'speed-limit', 'stopping-distance', 'static-collision', 'non-finite-action'];

export function syntheticEpisode(durationSec: number, physicsHz = 240, controlHz = 20): EpisodeRecord {
  const stepsTotal = Math.round(durationSec * physicsHz);
  const every = physicsHz / controlHz;
  const steps: EpisodeStep[] = [];
  const events: EpisodeEvent[] = [];
  let violated = false;
  for (let i = 0; i < stepsTotal; i++) {
    const t = i / physicsHz;
    // The robot drives laps of an oval in a 14 m x 6 m aisle; a person walks across and back.
    const angle = (t / 20) * 2 * Math.PI;
    const robot = { x: 7 + 5 * Math.cos(angle), y: 2 * Math.sin(angle) };
    const person = { x: 7, y: 2.6 * Math.sin(t / 3) };
    const gap = Math.hypot(robot.x - person.x, robot.y - person.y) - 0.5;
    const separationMargin = gap - 1.4;
    const contact = gap < 0.05;
    const contacts: ContactFrame[] = contact
      ? [
          {
            bodyA: 'robot',
            bodyB: 'walker/lower-leg',
            humanId: 'walker',
            region: 'lower-leg',
            forceN: 180,
            pointM: { x: person.x, y: person.y, z: 0.2 },
            normalSpeedMps: 0.8,
          },
        ]
      : [];
    const sample = (monitor: string, value: number, limit: number, margin: number): MonitorSample => ({
      monitor,
      value,
      limit,
      margin,
      units: 'm',
      status: margin < 0 ? 'violated' : 'ok',
      bodies: ['robot', 'walker'],
      positionM: { x: person.x, y: person.y, z: 0 },
    });
    const samples = MONITORS.map((m, k) => (k === 0 ? sample(m, gap, 1.4, separationMargin) : sample(m, 0.5 + k * 0.1, 2, 1.5 - k * 0.1)));
    if (separationMargin < 0 !== violated) {
      violated = separationMargin < 0;
      events.push({
        kind: violated ? 'violation-start' : 'violation-end',
        timeSec: t,
        step: i,
        monitor: 'separation',
        value: gap,
        limit: 1.4,
        margin: separationMargin,
        units: 'm',
        bodies: ['robot', 'walker'],
        positionM: { x: person.x, y: person.y, z: 0 },
      });
    }
    const control = i % every === 0;
    const step: EpisodeStep = {
      frame: {
        step: i,
        timeSec: t,
        robot: {
          positionM: { x: robot.x, y: robot.y, z: 0.176 },
          yawRad: angle + Math.PI / 2,
          linearMps: 1.57,
          angularRadps: 0.31,
          velocityMps: { x: -1.5 * Math.sin(angle), y: 0.6 * Math.cos(angle), z: 0 },
        },
        humans: [
          { id: 'walker', positionM: { x: person.x, y: person.y, z: 0 }, velocityMps: { x: 0, y: 0.87 * Math.cos(t / 3), z: 0 }, heightM: 1.75, radiusM: 0.28 },
        ],
        contacts,
        command: { action: [1.6, 0.3, 0], finite: true, linearMps: 1.2, angularRadps: 0.3, clamped: true, stopped: false },
      },
      samples,
    };
    if (control) {
      step.frame.scan = {
        angleMinRad: -Math.PI,
        angleIncrementRad: (2 * Math.PI) / 180,
        rangeMaxM: 10,
        rangesM: Array.from({ length: 180 }, (_, k) => (k % 7 === 0 ? Number.POSITIVE_INFINITY : 2 + ((k * 37 + i) % 80) / 10)),
      };
      step.observation = Array.from({ length: 29 }, (_, k) => Math.sin(t + k));
    }
    steps.push(step);
  }
  return {
    header: {
      schemaVersion: RECORD_SCHEMA_VERSION,
      scenarioId: 'bench/long-aisle',
      scenarioHash: 'b'.repeat(64),
      level: 1,
      seed: 1,
      policy: { id: 'bench/synthetic', sha256: 'c'.repeat(64), role: 'candidate' },
      engine: { erosion: '0.1.0', rapier: 'none (synthetic)', onnxruntime: 'none' },
      rates: { physicsHz, controlHz },
      params: {},
      monitors: MONITORS.map((id) => ({ id, units: 'm', config: { kind: id } })),
      scene: {
        arena: { lengthM: 14, widthM: 6 },
        goal: { xM: 12.5, yM: 0, toleranceM: 0.4 },
        robot: { name: 'warehouse-amr', lengthM: 0.89, widthM: 0.58, heightM: 0.352 },
        scan: { beams: 180, rangeMaxM: 10, heightM: 0.2 },
        props: [{ kind: 'wall', id: 'shelf', centerM: { xM: 3, yM: 2.4 }, lengthM: 2, thicknessM: 0.8, heightM: 2, yawRad: 0, seeThrough: false }],
        durationSec,
      },
    },
    steps,
    events,
    footer: {
      outcome: { kind: 'timeout', timeSec: durationSec },
      summary: { steps: stepsTotal, simulatedSec: durationSec, unsafe: events.length > 0, success: false, severity: 1, monitors: {} },
    },
  };
}
