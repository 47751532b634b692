// sim's public surface for the other folders. The Rapier world is at sim/rapier/index.ts
// and the CLI at sim/cli/index.ts, so importing types here never loads an engine.
export type { Vec3, BodyRegion, RobotFrame, HumanFrame, ContactFrame, RangeScan, CommandFrame, Frame } from './frame.js';
export type { World, WorldCapabilities, BaseCommand, StepOptions } from './world.js';
export type { Monitor, MonitorSample, MonitorStatus } from './monitor.js';
export * from './record/episode-record.js';
export { runEpisode, EpisodeJudge, EpisodeRecorder, decideBaseCommand, sceneForRecord } from './episode/index.js';
export type { EpisodeOptions, EngineVersions, CommandDecision, RecorderOptions } from './episode/index.js';
export { createMonitors, createMonitor, monitorKinds } from './monitors/index.js';
export { advanceRoute, buildObservation, checkObservationLayout, observationContext, observationFieldNames } from './observation/index.js';
export type { ObservationContext } from './observation/index.js';
export { clampBaseCommand, brakeTowardsStop } from './actuator.js';
export { BODY_MODEL, transientPeakForceN, HUMAN_PROXY, humanRadiusM } from './body-model.js';
