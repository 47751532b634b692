// What a policy sees: observation fields of both robot families, built from a frame and the task.

export type { ArmObservationContext, FieldDef, ObservationContext } from './observation-context.js';
export { NAV_FIELDS, WAYPOINT_REACHED_M, ZONE_LOOKAHEAD_M, advanceRoute, observationContext } from './nav-observation.js';
export { ARM_FIELDS, GOAL_ON_PERSON_M, NO_HUMAN_CLEARANCE_M, advanceArmRoute, anyoneInZone, armObservationContext } from './arm-observation.js';
export { buildObservation, checkObservationLayout, observationFieldNames } from './observation-layout.js';
