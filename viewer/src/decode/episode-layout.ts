// The few facts of the replay layout the fast reader needs, restated here so that the decode
// worker does not bundle the codec (@mcap/core, heap-js, lz4js, the Foxglove schemas): that was
// three quarters of the worker's script, and evaluating it delayed the start of every load. The
// viewer's tests check these against the codec's own constants.

/** MCAP's magic bytes, at both ends of a file. */
export const MCAP_MAGIC: readonly number[] = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];

export const EPISODE_TOPICS = {
  header: '/erosion/header',
  step: '/erosion/step',
  event: '/erosion/event',
  footer: '/erosion/footer',
} as const;

export const EPISODE_METADATA_NAME = 'erosion.episode';
