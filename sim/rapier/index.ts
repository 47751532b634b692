export { createRapierWorld, RapierWorld } from './rapier-world.js';
export type { EngineStepWrap } from './engine-step-wrap.js';
export { loadRapier, rapierVersion } from './rapier-engine.js';
export { humanPoseAlong, HumanWalker, HUMAN_HALT_GAP_M } from './human-walk.js';
export type { WalkPose } from './human-walk.js';
export { createRapierArmWorld, RapierArmWorld } from './rapier-arm-world.js';
