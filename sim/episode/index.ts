export { controlRateMismatch, runEpisode, sceneForRecord } from './run-episode.js';
export type { EpisodeOptions, EngineVersions } from './run-episode.js';
export { EpisodeJudge } from './episode-judge.js';
export { decideBaseCommand } from './decide-command.js';
export type { CommandDecision } from './decide-command.js';
