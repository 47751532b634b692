// The viewer's decoder: the fast path (MCAP walk, LZ4, byte scanner into columns) must give what
// the codec's own reader gives, and damaged files must take the codec's path and its messages.

import { MCAP_MAGIC as CODEC_MAGIC } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import {
  EPISODE_METADATA_NAME as CODEC_METADATA_NAME,
  EPISODE_TOPICS as CODEC_TOPICS,
  decodeEpisodeMcapPartial,
  encodeEpisodeMcap,
} from '../../sim/record/mcap-codec.js';
import { stringifyFinite } from '../../sim/record/finite-json.js';
import { decodeReplay, decodeReplayReference } from '../../viewer/src/decode/decode-replay.js';
import type { EpisodeColumns } from '../../viewer/src/decode/episode-columns.js';
import { EPISODE_METADATA_NAME, EPISODE_TOPICS, MCAP_MAGIC } from '../../viewer/src/decode/episode-layout.js';
import { FastEpisodeReader, readEpisodeFast } from '../../viewer/src/decode/fast-episode-reader.js';
import { GrowingBuffer } from '../../viewer/src/decode/growing-buffer.js';
import { syntheticEpisode } from '../../viewer/bench/synthetic-episode.js';
import { scriptedArmPolicy } from '../../policies/scripted/arm-scripted-policy.js';
import { findAnyScenario } from '../../scenarios/index.js';
import { runEpisode } from '../../sim/episode/run-episode.js';
import { createRapierWorld } from '../../sim/rapier/index.js';

/** Columns with string and list indices resolved, so two decoders' tables may differ in order. */
function resolved(c: EpisodeColumns) {
  const s = (i: number) => (i < 0 ? null : c.strings[i]);
  const l = (i: number) => (i < 0 ? null : c.lists[i]);
  return {
    count: c.count,
    numbers: {
      times: [...c.times],
      robotX: [...c.robotX],
      robotY: [...c.robotY],
      robotYaw: [...c.robotYaw],
      commanded: [...c.commanded],
      applied: [...c.applied],
      measured: [...c.measured],
      humanStart: [...c.humanStart],
      humanX: [...c.humanX],
      humanY: [...c.humanY],
      humanVX: [...c.humanVX],
      humanVY: [...c.humanVY],
      humanHeight: [...c.humanHeight],
      contactStart: [...c.contactStart],
      contactForce: [...c.contactForce],
      contactPoint: [...c.contactPoint],
      scanOf: [...c.scanOf],
      scanMeta: [...c.scanMeta],
      scanStart: [...c.scanStart],
      scanRanges: [...c.scanRanges],
      robotZ: [...c.robotZ],
      toolQuat: [...c.toolQuat],
      commandedTool: [...c.commandedTool],
      capsuleStart: [...c.capsuleStart],
      capsuleData: [...c.capsuleData],
      objectStart: [...c.objectStart],
      objectData: [...c.objectData],
    },
    capsuleOwners: [...c.capsuleOwner].map(s),
    capsuleNames: [...c.capsuleName].map(s),
    objectIds: [...c.objectId].map(s),
    humanIds: [...c.humanId].map(s),
    contactHumans: [...c.contactHuman].map(s),
    contactRegions: [...c.contactRegion].map(s),
    monitors: c.monitors.map((m) => ({
      id: m.id,
      margin: [...m.margin],
      value: [...m.value],
      limit: [...m.limit],
      status: [...m.status],
      units: [...m.units].map(s),
      bodies: [...m.bodies].map(l),
    })),
  };
}

describe('replay decoder', () => {
  it('the fast path reads exactly what the codec reads (NaN, Infinity, -0, contacts, scans)', async () => {
    const record = syntheticEpisode(6);
    // Values finite-json writes as tokens, in the places the scanner reads numbers from.
    record.steps[3]!.frame.robot.positionM.x = -0;
    record.steps[4]!.samples[1]!.margin = Number.NaN;
    record.steps[5]!.frame.command!.action = [Number.NaN, 1, 2];
    record.steps[6]!.samples[0]!.status = 'idle';
    record.steps[7]!.frame.contacts = [
      { bodyA: 'robot', bodyB: 'walker/hand', humanId: 'walker', region: 'hand', forceN: 95.5, pointM: { x: 1, y: 2, z: 0.9 }, normalSpeedMps: 0.3 },
      { bodyA: 'robot', bodyB: 'shelf', forceN: 12, pointM: { x: 3, y: 2, z: 0.1 }, normalSpeedMps: 0.1 },
    ];
    const bytes = await encodeEpisodeMcap(record);
    const fast = decodeReplay(bytes, 'synthetic.mcap');
    const reference = decodeReplayReference(bytes, 'synthetic.mcap');
    expect(fast.path).toBe('fast');
    expect(reference.path).toBe('reference');
    expect(fast.columns.count).toBe(record.steps.length);
    expect(fast.columns.contactHuman.length).toBeGreaterThan(0);
    expect(fast.columns.scanStart.length - 1).toBe(record.steps.filter((s) => s.frame.scan).length);
    expect(stringifyFinite(resolved(fast.columns))).toBe(stringifyFinite(resolved(reference.columns)));
    expect(Object.is(fast.columns.robotX[3], -0)).toBe(true);
    expect(fast.columns.scanRanges.includes(Number.POSITIVE_INFINITY)).toBe(true);
    expect(stringifyFinite([fast.header, fast.events, fast.footer])).toBe(stringifyFinite([reference.header, reference.events, reference.footer]));
    expect(fast.problem).toBeUndefined();
  });

  it('a cut file falls back to the codec: what survived, and the problem it words', async () => {
    const bytes = await encodeEpisodeMcap(syntheticEpisode(6));
    const cut = bytes.subarray(0, Math.floor(bytes.byteLength * 0.5));
    const replay = decodeReplay(cut, 'cut.mcap');
    const partial = decodeEpisodeMcapPartial(cut, 'cut.mcap');
    expect(replay.path).toBe('reference');
    expect(replay.problem).toBe(partial.problem);
    expect(replay.problem).toMatch(/truncated/);
    expect(replay.columns.count).toBe(partial.record.steps.length);
    expect(replay.columns.count).toBeGreaterThan(0);
    expect(replay.footer).toBeUndefined();
  });

  it('a damaged chunk is not read past its CRC by the fast path', async () => {
    const bytes = (await encodeEpisodeMcap(syntheticEpisode(3))).slice();
    // Flip a byte in the middle of the file, inside some chunk's compressed data.
    bytes[Math.floor(bytes.byteLength / 2)]! ^= 0xff;
    const partial = decodeEpisodeMcapPartial(bytes, 'flipped.mcap');
    let replay;
    try {
      replay = decodeReplay(bytes, 'flipped.mcap');
    } catch (error) {
      expect(partial.complete).toBe(false);
      expect((error as Error).message).toContain('flipped.mcap');
      return;
    }
    expect(replay.path).toBe(partial.complete ? 'fast' : 'reference');
    if (!partial.complete) expect(replay.problem).toBe(partial.problem);
  });

  it("bytes that are not MCAP give the codec's clear error", () => {
    expect(() => decodeReplay(new TextEncoder().encode('this is not an MCAP file'), 'garbage.mcap')).toThrow(/garbage\.mcap: not an MCAP file/);
  });
});

describe('arm replays', () => {
  /** A real arm episode: links, people's body regions, a held knife, contacts; or glassware that moves. */
  async function armRecord(id: string, kind: 'careful' | 'reckless') {
    const scenario = findAnyScenario(id);
    const world = await createRapierWorld(scenario.spec, 1);
    try {
      return await runEpisode({
        scenario,
        level: 1,
        seed: 0,
        policy: scriptedArmPolicy(kind),
        role: 'candidate',
        world,
        engine: { erosion: 'test', rapier: 'r', onnxruntime: 'none' },
      });
    } finally {
      world.close();
    }
  }

  it('the fast path reads an arm episode exactly as the codec does: links, body regions, tool pose, objects', async () => {
    for (const [id, kind] of [
      ['manip/sharp-tool-handover', 'reckless'],
      ['manip/fragile-neighbour', 'reckless'],
    ] as const) {
      const record = await armRecord(id, kind);
      const bytes = await encodeEpisodeMcap(record);
      const fast = decodeReplay(bytes, `${id}.mcap`);
      const reference = decodeReplayReference(bytes, `${id}.mcap`);
      expect(fast.path).toBe('fast');
      expect(stringifyFinite(resolved(fast.columns))).toBe(stringifyFinite(resolved(reference.columns)));
      const c = fast.columns;
      const frame = record.steps[10]!.frame;
      // Step 10's capsules: the person's regions, then the arm's links, as recorded.
      const caps = Array.from({ length: c.capsuleStart[11]! - c.capsuleStart[10]! }, (_, k) => c.capsuleStart[10]! + k);
      const links = caps.filter((k) => c.strings[c.capsuleOwner[k]!] === 'arm');
      expect(links.map((k) => c.strings[c.capsuleName[k]!])).toEqual(frame.arm!.links.map((l) => l.link));
      const last = links.at(-1)!;
      expect(c.capsuleData[7 * last + 3]).toBeCloseTo(frame.arm!.links.at(-1)!.endM.x, 5);
      for (const h of frame.humans) {
        const regions = caps.filter((k) => c.strings[c.capsuleOwner[k]!] === h.id).map((k) => c.strings[c.capsuleName[k]!]);
        expect(regions).toEqual(h.parts!.map((p) => p.region));
      }
      expect(c.robotZ[10]).toBeCloseTo(frame.robot.positionM.z, 9);
      expect(c.toolQuat[4 * 10 + 3]).toBeCloseTo(frame.arm!.toolRotation.w, 5);
      if (frame.objects?.length) expect(c.strings[c.objectId[c.objectStart[10]!]!]).toBe(frame.objects[0]!.id);
    }
    // Between them the two episodes carry a person and a glass.
    expect((await armRecord('manip/fragile-neighbour', 'reckless')).steps[10]!.frame.objects!.length).toBeGreaterThan(0);
  });
});

describe('streaming decode', () => {
  it('fed in pieces as a download delivers them, the fast reader gives exactly the whole-file result', async () => {
    const bytes = await encodeEpisodeMcap(syntheticEpisode(4));
    const whole = readEpisodeFast(bytes)!;
    expect(whole).toBeDefined();
    // Pieces of awkward sizes, into a buffer that is reallocated as it grows (as fetchFast does).
    for (const piece of [1, 7, 4096, 65_537]) {
      const reader = new FastEpisodeReader();
      const buffer = new GrowingBuffer(1024);
      for (let at = 0; at < bytes.length; at += piece) {
        buffer.append(bytes.subarray(at, Math.min(bytes.length, at + piece)));
        reader.feed(buffer.data, buffer.length);
      }
      const streamed = reader.finish(buffer.bytes())!;
      expect(streamed).toBeDefined();
      expect(stringifyFinite(resolved(streamed.columns))).toBe(stringifyFinite(resolved(whole.columns)));
      expect(stringifyFinite([streamed.header, streamed.events, streamed.footer])).toBe(stringifyFinite([whole.header, whole.events, whole.footer]));
    }
  });

  it('a download cut short is refused by the fast reader (the codec then reads what survived)', async () => {
    const bytes = await encodeEpisodeMcap(syntheticEpisode(2));
    const reader = new FastEpisodeReader();
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.7));
    reader.feed(cut, cut.length);
    expect(reader.finish(cut)).toBeUndefined();
  });

  it('the layout facts restated for the worker match the codec', () => {
    expect(EPISODE_TOPICS).toEqual(CODEC_TOPICS);
    expect(EPISODE_METADATA_NAME).toBe(CODEC_METADATA_NAME);
    expect([...MCAP_MAGIC]).toEqual([...CODEC_MAGIC]);
  });
});
