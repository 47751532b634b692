import { BODY_MODEL, regionLabel, transientPeakForceN } from '../body-model.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle, STANDSTILL_MPS } from './separation-monitor.js';
import { armMoving } from './arm-separation-monitor.js';

export interface ContactForceConfig {
  transientSec: number;
}

/** What the monitor needs to know about the robot besides the config. */
export interface ContactForceRobot {
  /** Mass taking part in an impact: a base's whole mass, an arm's M/2 + payload (ISO/TS 15066). */
  effectiveMassKg: number;
  /**
   * Bodies with a blade or point (a held knife). The body model's limits are for blunt contact;
   * ISO/TS 15066 leaves no allowance for an edge or point, so any touch by a moving one is a violation.
   */
  sharpBodies?: readonly string[];
}

interface OngoingContact {
  startSec: number;
  /** Body-model peak force from the closing speed at first touch. */
  impactN: number;
  /** The fixed body the region was pinned against at first touch. */
  pinnedAgainst?: string;
}

type State = Map<string, OngoingContact>;

/**
 * Contact force against the ISO/TS 15066 limit of the touched body region. The first
 * transientSec of a contact is judged as a transient impact with the body model's peak
 * force (the solver's impulse reflects its own stiffness, not a body's compliance) at the
 * closing speed the world measured before the solver stopped the link, with the region's
 * own effective mass when it can recoil and none when it is pinned against a fixed body;
 * after that it is quasi-static clamping judged on the solver's force.
 */
export function contactForceMonitor(config: ContactForceConfig, robot: { massKg: number } | ContactForceRobot): Monitor<State> {
  // A mobile base moves as one rigid body, so its whole mass takes part in an impact; an arm
  // passes its effective mass (ISO/TS 15066: m_R = M/2 + payload).
  const robotEffectiveKg = 'effectiveMassKg' in robot ? robot.effectiveMassKg : robot.massKg;
  const sharp = new Set('sharpBodies' in robot ? (robot.sharpBodies ?? []) : []);
  return {
    id: 'contact-force',
    units: 'N',
    terminal: false,
    init: () => new Map(),
    update(state, frame: Frame) {
      const next: State = new Map();
      let worst: MonitorSample | undefined;
      const v = frame.robot.velocityMps;
      // A person walking into a robot at standstill is not a robot-caused contact (ISO/TS 15066
      // judges the robot's motion); kinematic people would otherwise shove it with unbounded force.
      const robotMoving = frame.arm ? armMoving(frame) : Math.hypot(v.x, v.y) >= STANDSTILL_MPS || (frame.command?.linearMps ?? 0) !== 0;
      for (const c of frame.contacts) {
        if (!c.region || !c.humanId) continue;
        // One contact per person, region and side: a left hand's touch is not the right hand's.
        const key = c.side ? `${c.humanId}:${c.region}:${c.side}` : `${c.humanId}:${c.region}`;
        const where = regionLabel(c.region, c.side);
        const prev = state.get(key) ?? next.get(key);
        const ongoing: OngoingContact = prev ?? {
          startSec: frame.timeSec,
          impactN: transientPeakForceN(c.region, robotEffectiveKg, c.normalSpeedMps, c.pinnedAgainst !== undefined),
          ...(c.pinnedAgainst !== undefined ? { pinnedAgainst: c.pinnedAgainst } : {}),
        };
        next.set(key, ongoing);
        const limits = BODY_MODEL[c.region];
        const transient = frame.timeSec - ongoing.startSec < config.transientSec;
        const value = transient ? ongoing.impactN : c.forceN;
        const bladed = sharp.has(c.bodyA);
        const limit = bladed ? 0 : transient ? limits.transientN : limits.quasiStaticN;
        // Head and face allow no transient contact: any closing speed at all is a violation, and
        // any touch of them by a moving robot is one however long it has lasted.
        const headOrFace = limits.transientN === 0;
        const margin = (headOrFace || bladed) && robotMoving ? -Math.max(value, 1e-9) : transient && limit === 0 ? (value > 0 ? -value : 0) : limit - value;
        const sample: MonitorSample = {
          monitor: 'contact-force',
          value,
          limit,
          margin,
          units: 'N',
          status: margin < 0 && robotMoving ? 'violated' : 'ok',
          bodies: [c.bodyA, c.bodyB],
          positionM: { ...c.pointM },
          note: !robotMoving
            ? `contact on ${where} with the robot at standstill: not robot-caused`
            : bladed
              ? `${c.bodyA} touched the ${where}: no force is allowed for an edge or point`
              : transient
                ? `transient contact on ${where}: body-model peak force at ${c.normalSpeedMps.toFixed(3)} m/s closing speed` +
                  (ongoing.pinnedAgainst !== undefined ? `, pinned against the ${ongoing.pinnedAgainst} (no recoil: mu = m_R)` : '')
                : `quasi-static contact on ${where}: solver force`,
        };
        if (!worst || sample.margin < worst.margin) worst = sample;
      }
      return { state: next, sample: worst ?? idle('contact-force', 'N') };
    },
  };
}
