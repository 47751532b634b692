// Episode records: the types every reader shares, and their MCAP file form.

export { RECORD_SCHEMA_VERSION } from './episode-record.js';
export type {
  EpisodeEvent,
  EpisodeEventKind,
  EpisodeFooter,
  EpisodeHeader,
  EpisodeRecord,
  EpisodeStep,
  EpisodeSummary,
  MonitorSummary,
  Outcome,
  PolicyRole,
} from './episode-record.js';

export {
  EPISODE_METADATA_NAME,
  EPISODE_TOPICS,
  FOXGLOVE_TOPICS,
  ReplayError,
  decodeEpisodeMcap,
  decodeEpisodeMcapPartial,
  encodeEpisodeMcap,
} from './mcap-codec.js';
export type { PartialDecodeResult, PartialEpisodeRecord, ReplayProblem } from './mcap-codec.js';
export { EPISODE_JSON_SCHEMAS, EPISODE_VALIDATION_SCHEMAS } from './episode-json-schemas.js';
export { readRecordScene } from './record-scene.js';
export type { RecordScene } from './record-scene.js';
export { ERRORED_MONITOR, resultOf } from './episode-result.js';
export type { EpisodeResult } from './episode-result.js';
export { readEpisodeFile, readEpisodeFilePartial, writeEpisodeFile } from './episode-file.js';
