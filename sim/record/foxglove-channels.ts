// The Foxglove-readable channels of a replay: which topics, which schemas, and when a scene update
// is due. Erosion's own decoder skips these topics; they exist only for other tools.

import type { EpisodeEvent, EpisodeHeader, EpisodeStep } from './episode-record.js';
import { eventLog, frameSceneUpdate, staticSceneUpdate } from './foxglove-messages.js';
import { readRecordScene, type RecordScene } from './record-scene.js';
// Foxglove's published JSON schemas, from Foxglove's own package: one owner for the message format.
// (A CommonJS module without an exports map: Node's ESM loader needs the file name and the default export.)
import foxgloveJsonSchemas from '@foxglove/schemas/jsonschema.js';

const { Log: LOG_SCHEMA, SceneUpdate: SCENE_UPDATE_SCHEMA } = foxgloveJsonSchemas;

export const FOXGLOVE_TOPICS = {
  /** Floor, walls, zones, edges and goal: one message at time 0. A topic of its own, because a
   * player that seeks replays only the latest message per topic. */
  staticScene: '/scene/static',
  scene: '/scene',
  log: '/log',
} as const;

export type FoxgloveKind = keyof typeof FOXGLOVE_TOPICS;
export const FOXGLOVE_KINDS: readonly FoxgloveKind[] = ['staticScene', 'scene', 'log'];

const encoder = new TextEncoder();
const sceneSchema = { name: 'foxglove.SceneUpdate', data: encoder.encode(JSON.stringify(SCENE_UPDATE_SCHEMA)) };
const logSchema = { name: 'foxglove.Log', data: encoder.encode(JSON.stringify(LOG_SCHEMA)) };

export const FOXGLOVE_SCHEMAS: Record<FoxgloveKind, { name: string; data: Uint8Array }> = {
  staticScene: sceneSchema,
  scene: sceneSchema,
  log: logSchema,
};

/**
 * Scene updates at most this often: enough for smooth playback in those tools, while a 240 Hz
 * episode's file stays close to its size without them.
 */
export const SCENE_RATE_HZ = 30;

/** Decides which steps get a scene update and builds the messages. One per encoding. */
export class FoxgloveScenePacer {
  readonly #scene: RecordScene;
  #nextDueNs = 0n;
  #lastContacts = 0;

  constructor(readonly header: EpisodeHeader) {
    this.#scene = readRecordScene(header.scene);
  }

  staticScene(): unknown {
    return staticSceneUpdate(this.header);
  }

  /**
   * The update for this step, or undefined when none is due. Contacts starting or ending force an
   * update, so a one-step impact still shows.
   */
  sceneAt(step: EpisodeStep, timeNs: bigint): unknown | undefined {
    const contacts = step.frame.contacts.length;
    const due = timeNs >= this.#nextDueNs || contacts !== this.#lastContacts;
    if (!due) return undefined;
    this.#lastContacts = contacts;
    const periodNs = BigInt(Math.round(1e9 / SCENE_RATE_HZ));
    if (timeNs >= this.#nextDueNs) this.#nextDueNs = timeNs + periodNs;
    return frameSceneUpdate(this.#scene, step.frame);
  }

  log(event: EpisodeEvent): unknown {
    return eventLog(event);
  }
}
