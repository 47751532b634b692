// Plane and space geometry shared by the observation, the worlds and the monitors.

export { distanceToFootprintM, speedTowardsMps } from './footprint-geometry.js';
export { footprintClearanceM, pointInRect, signedDistanceToRect } from './zone-geometry.js';
export { closestPoints, nearestArmHuman, pointToCapsuleM } from './capsule-geometry.js';
export type { Nearest } from './capsule-geometry.js';
export { APPROACH_AXIS, IDENTITY, apply, axisAngle, cross, dot, matToQuat, mul, norm, quatToMat, rpyToMat, sub, toolAxis } from './rotation.js';
export type { Mat3 } from './rotation.js';
