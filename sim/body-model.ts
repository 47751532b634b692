import type { BodyRegion, BodySide } from './frame.js';

// ISO/TS 15066 Annex A body model (via ../SAFETY-LIMITS in the design notes):
// quasi-static force limits, transient = 2x except head and face (not allowed),
// effective spring constants and effective masses of each region.

export interface RegionLimits {
  quasiStaticN: number;
  /** 0 means transient contact is not allowed at all. */
  transientN: number;
  springNPerM: number;
  effectiveMassKg: number;
}

export const BODY_MODEL: Record<BodyRegion, RegionLimits> = {
  skull: { quasiStaticN: 130, transientN: 0, springNPerM: 150_000, effectiveMassKg: 4.4 },
  face: { quasiStaticN: 65, transientN: 0, springNPerM: 75_000, effectiveMassKg: 4.4 },
  neck: { quasiStaticN: 150, transientN: 300, springNPerM: 50_000, effectiveMassKg: 1.2 },
  back: { quasiStaticN: 210, transientN: 420, springNPerM: 35_000, effectiveMassKg: 40 },
  chest: { quasiStaticN: 140, transientN: 280, springNPerM: 25_000, effectiveMassKg: 40 },
  abdomen: { quasiStaticN: 110, transientN: 220, springNPerM: 10_000, effectiveMassKg: 40 },
  pelvis: { quasiStaticN: 180, transientN: 360, springNPerM: 25_000, effectiveMassKg: 40 },
  'upper-arm': { quasiStaticN: 150, transientN: 300, springNPerM: 30_000, effectiveMassKg: 3 },
  'lower-arm': { quasiStaticN: 160, transientN: 320, springNPerM: 40_000, effectiveMassKg: 2 },
  hand: { quasiStaticN: 140, transientN: 280, springNPerM: 75_000, effectiveMassKg: 0.6 },
  thigh: { quasiStaticN: 220, transientN: 440, springNPerM: 50_000, effectiveMassKg: 75 },
  'lower-leg': { quasiStaticN: 130, transientN: 260, springNPerM: 60_000, effectiveMassKg: 75 },
};

/** Reduced mass of the two-body impact model: mu = mH*mR / (mH + mR). */
export function reducedMassKg(humanKg: number, robotKg: number): number {
  return (humanKg * robotKg) / (humanKg + robotKg);
}

/**
 * Peak force of an impact in the body model: F = v_rel * sqrt(mu * k). A region free to recoil
 * takes part with its effective mass (mu the reduced mass); a pinned one (a hand lying on the
 * bench) cannot move, its side of the two-body model is the bench, and mu -> m_R: the arm's
 * whole kinetic energy goes into the region's tissue.
 */
export function transientPeakForceN(region: BodyRegion, robotEffectiveMassKg: number, closingSpeedMps: number, pinned = false): number {
  const r = BODY_MODEL[region];
  const mu = pinned ? robotEffectiveMassKg : reducedMassKg(r.effectiveMassKg, robotEffectiveMassKg);
  return Math.max(0, closingSpeedMps) * Math.sqrt(mu * r.springNPerM);
}

/** One collider of the human proxy, in the human's own frame (x forward, y left, z up), as fractions of height. */
export interface ProxyPart {
  region: BodyRegion;
  /** Capsule from z0 to z1 (fractions of height) at lateral offset y (m at 1.75 m height), radius (m at 1.75 m). */
  xM: number;
  yM: number;
  z0: number;
  z1: number;
  radiusM: number;
}

/** A standing adult's proxy, one collider per region so a contact names its limit. */
export const HUMAN_PROXY: ProxyPart[] = [
  { region: 'lower-leg', xM: 0, yM: 0.1, z0: 0.03, z1: 0.28, radiusM: 0.055 },
  { region: 'lower-leg', xM: 0, yM: -0.1, z0: 0.03, z1: 0.28, radiusM: 0.055 },
  { region: 'thigh', xM: 0, yM: 0.1, z0: 0.3, z1: 0.5, radiusM: 0.075 },
  { region: 'thigh', xM: 0, yM: -0.1, z0: 0.3, z1: 0.5, radiusM: 0.075 },
  { region: 'pelvis', xM: 0, yM: 0, z0: 0.51, z1: 0.56, radiusM: 0.16 },
  { region: 'abdomen', xM: 0, yM: 0, z0: 0.58, z1: 0.63, radiusM: 0.15 },
  { region: 'chest', xM: 0, yM: 0, z0: 0.66, z1: 0.74, radiusM: 0.16 },
  { region: 'upper-arm', xM: 0, yM: 0.23, z0: 0.63, z1: 0.79, radiusM: 0.045 },
  { region: 'upper-arm', xM: 0, yM: -0.23, z0: 0.63, z1: 0.79, radiusM: 0.045 },
  { region: 'lower-arm', xM: 0, yM: 0.24, z0: 0.47, z1: 0.61, radiusM: 0.04 },
  { region: 'lower-arm', xM: 0, yM: -0.24, z0: 0.47, z1: 0.61, radiusM: 0.04 },
  { region: 'hand', xM: 0, yM: 0.24, z0: 0.42, z1: 0.45, radiusM: 0.045 },
  { region: 'hand', xM: 0, yM: -0.24, z0: 0.42, z1: 0.45, radiusM: 0.045 },
  { region: 'neck', xM: 0, yM: 0, z0: 0.81, z1: 0.85, radiusM: 0.055 },
  { region: 'skull', xM: -0.01, yM: 0, z0: 0.91, z1: 0.95, radiusM: 0.09 },
  { region: 'face', xM: 0.07, yM: 0, z0: 0.89, z1: 0.92, radiusM: 0.05 },
];

/** The side of a proxy part: off the midline to the left (+y) or right (-y); none on it. */
export function proxySide(part: Pick<ProxyPart, 'yM'>): BodySide | undefined {
  return part.yM > 0 ? 'left' : part.yM < 0 ? 'right' : undefined;
}

/** A region as a person would name it: "right hand", "chest". */
export function regionLabel(region: BodyRegion, side: BodySide | undefined): string {
  return side ? `${side} ${region}` : region;
}

/** Horizontal radius of the whole proxy (shoulders), used for separation distance. */
export function humanRadiusM(heightM: number): number {
  return 0.28 * (heightM / 1.75);
}
