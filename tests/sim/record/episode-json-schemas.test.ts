import { McapIndexedReader, type IReadable } from '@mcap/core';
import Ajv from 'ajv';
import lz4 from 'lz4js';
import { beforeAll, describe, expect, it } from 'vitest';
import { scriptedArmPolicy } from '../../../policies/scripted/arm-scripted-policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import type { Policy } from '../../../policies/policy.js';
import { findAnyScenario } from '../../../scenarios/index.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import { EPISODE_JSON_SCHEMAS, EPISODE_VALIDATION_SCHEMAS } from '../../../sim/record/episode-json-schemas.js';
import type { EpisodeRecord } from '../../../sim/record/episode-record.js';
import { encodeEpisodeMcap, EPISODE_TOPICS } from '../../../sim/record/mcap-codec.js';

// The schemas a record file carries must accept the messages Erosion writes: real episodes of
// both robot families, written to MCAP and read back as raw JSON, checked by a JSON Schema
// validator (ajv). ajv 6 knows draft-07, not 2020-12; these schemas use only keywords the two
// drafts share (type, properties, required, additionalProperties, items, enum, const, oneOf,
// anyOf), so the $schema line is left out for it.

type Part = keyof typeof EPISODE_TOPICS;
const PARTS: Part[] = ['header', 'step', 'event', 'footer'];
const engine = { erosion: 'test', rapier: 'r', onnxruntime: 'o' };

function readable(bytes: Uint8Array): IReadable {
  return { size: async () => BigInt(bytes.byteLength), read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)) };
}

const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(
  PARTS.map((part) => {
    const { $schema: _draft, ...schema } = EPISODE_VALIDATION_SCHEMAS[part];
    return [part, ajv.compile(schema)];
  }),
) as Record<Part, Ajv.ValidateFunction>;

/** Every problem the validator finds in the raw JSON messages of a written record file. */
async function problemsOf(record: EpisodeRecord): Promise<string[]> {
  const bytes = await encodeEpisodeMcap(record);
  const reader = await McapIndexedReader.Initialize({
    readable: readable(bytes),
    decompressHandlers: { lz4: (data, size) => lz4.decompress(data, Number(size)) },
  });
  const partOf = new Map<string, Part>(Object.entries(EPISODE_TOPICS).map(([part, topic]) => [topic, part as Part]));
  const problems: string[] = [];
  let seen = 0;
  for await (const m of reader.readMessages({ topics: Object.values(EPISODE_TOPICS) })) {
    const part = partOf.get(reader.channelsById.get(m.channelId)!.topic)!;
    const validate = validators[part];
    seen += 1;
    if (!validate(JSON.parse(new TextDecoder().decode(m.data)))) problems.push(`${part}: ${ajv.errorsText(validate.errors)}`);
  }
  expect(seen).toBeGreaterThan(2);
  return problems;
}

async function episode(scenarioId: string, policy: Policy, level = 1, seed = 1): Promise<EpisodeRecord> {
  const scenario = findAnyScenario(scenarioId);
  const world = await createRapierWorld(scenario.spec, level);
  try {
    return await runEpisode({ scenario, level, seed, policy, role: 'candidate', world, engine });
  } finally {
    world.close();
  }
}

describe('the record JSON schemas accept what is written', () => {
  let nav: EpisodeRecord;
  let arm: EpisodeRecord;
  beforeAll(async () => {
    nav = await episode('nav/crossing-pedestrian', scriptedNavPolicy('reckless'));
    arm = await episode('manip/shared-workspace-reach', scriptedArmPolicy('reckless'));
  });

  it('a navigation episode, with the infinite margins of idle monitors, validates', async () => {
    // Idle monitors keep an infinite worst margin: the case the number-only schema rejected.
    expect(Object.values(nav.footer.summary.monitors).some((m) => m.worstMargin === Number.POSITIVE_INFINITY)).toBe(true);
    expect(await problemsOf(nav)).toEqual([]);
  });

  it('an arm episode validates', async () => {
    expect(await problemsOf(arm)).toEqual([]);
  });

  it('footers of a hardware session (link lost, interrupted) validate', async () => {
    const linkLost: EpisodeRecord = {
      ...nav,
      footer: { ...nav.footer, outcome: { kind: 'link-lost', timeSec: 4.2, message: 'the link to the robot was down for 3.1 s (limit 3 s)' } },
    };
    const interrupted: EpisodeRecord = { ...nav, footer: { ...nav.footer, outcome: { kind: 'interrupted', timeSec: 1.5 } } };
    expect(await problemsOf(linkLost)).toEqual([]);
    expect(await problemsOf(interrupted)).toEqual([]);
  });

  it('still rejects what is wrong: a word where a number belongs, an unknown outcome, a link loss without its message', async () => {
    const step = JSON.parse(JSON.stringify({ ...nav.steps[0], frame: { ...nav.steps[0]!.frame, timeSec: 'soon' } })) as unknown;
    expect(validators.step(step)).toBe(false);
    const footer = (outcome: unknown): unknown => JSON.parse(JSON.stringify({ ...nav.footer, outcome, summary: { ...nav.footer.summary, monitors: {} } }));
    expect(validators.footer(footer({ kind: 'exploded', timeSec: 1 }))).toBe(false);
    expect(validators.footer(footer({ kind: 'link-lost', timeSec: 1 }))).toBe(false);
    expect(validators.footer(footer({ kind: 'interrupted', timeSec: 1 }))).toBe(true);
  });

  it('the schemas a file embeds stay in the subset Foxglove reads: one type per number field', () => {
    const severity = (EPISODE_JSON_SCHEMAS.footer.properties as Record<string, { properties: Record<string, { type: string; description: string }> }>).summary!
      .properties.severity!;
    expect(severity.type).toBe('number');
    expect(severity.description).toMatch(/^Largest relative overshoot/);
  });
});
