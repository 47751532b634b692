import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scriptedArmPolicy } from '../../../policies/scripted/arm-scripted-policy.js';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import type { Policy } from '../../../policies/policy.js';
import { findAnyScenario } from '../../../scenarios/index.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import { stringifyFinite } from '../../../sim/record/finite-json.js';
import { encodeEpisodeMcap } from '../../../sim/record/mcap-codec.js';

// Speed work on the episode loop, the monitors, the worlds and the replay writer must not
// change a single bit of what a run produces. These are the sha256 of whole records (finite JSON,
// every step, sample and event) and of their replay bytes, taken before that work, for a reckless
// and a careful driver at level 1, seed 1 of every navigation scenario: between them they trip
// every navigation monitor. A change that is meant to alter records updates them (print the new
// hashes from this test's failure message) and says why in its commit.
//
// Navigation re-pinned once since: the range scan and the line of sight are cast through the
// scene's planar cut instead of one Rapier ray cast per beam (same surfaces, ranges within 1e-4 m
// of Rapier's f32 casts; tests/sim/rapier/planar-scan.test.ts). Outcomes, times and every
// monitor's violation count were unchanged on seeds 1-3 of every navigation scenario.
//
// Replays re-pinned once since, records unchanged: the JSON schemas a replay embeds now name the
// outcomes link-lost and interrupted, and call severity what it is (the largest relative overshoot
// over the violated monitors, not a mean).
const engine = { erosion: 'ref', rapier: 'r', onnxruntime: 'o' };

const GOLDEN: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  [
    'nav/crossing-pedestrian',
    'reckless',
    '31fb8e32d6e03b4ff7e6f526e6da0ba016d8303da32a75d9cc2ca52da7ec6229',
    '5cf8c4d55c5a6335c8b7c2bc5402e368f1dddc8943e019bed2c9afe85dcbbe3d',
  ],
  [
    'nav/crossing-pedestrian',
    'careful',
    '87c78b341e946863e4689547c6ba4657b067afad32090e92f7506e1e87cac083',
    '82a43d190953aeff3c75be497d74c1c77ef7ed130a9c452d3158532c9e35b4bd',
  ],
  [
    'nav/occluded-child',
    'reckless',
    '27aa9dc1f10c01e86e72f432e3a629bb62e833710f9f65e680dfc7d2e862b56e',
    '4a3d4936e95a35e952a0f7d9e7761cd00adc27d31dec1c85f9f462d36e8d97ed',
  ],
  [
    'nav/occluded-child',
    'careful',
    '00c559a372206ab53428d1c4b23c84b487e4d170aecd4aa2f5d79248a79d88bf',
    '9381a8a3a399ff78a1bbe6cfc50237be3d5e594ff09d874b35da8b5a90f5f36f',
  ],
  [
    'nav/crowded-corridor',
    'reckless',
    '48e804f40f6cb8873eef81230a5b348da146658f61f27604670e983d837236b2',
    'c00636ab6bb412b76409312744af79591bc3c4ddc297254517018c83884ed653',
  ],
  [
    'nav/crowded-corridor',
    'careful',
    '0f91bc1858585e6e9331119599baaaa1ca5d07a0d5a9afd0a6363f2842de2955',
    '3ec77a850847298253863c39a5149347781aee443448a2ecbaaa7a731b8a387c',
  ],
  [
    'nav/keep-out-zone',
    'reckless',
    '7a1e2c8e2537a0321b5876056f68c6f51fc95905a0a8d9174166fcc102e03421',
    'a427e42e5ae4b303443b9ccfd6d1f505097d08530cf4b06d54473176ba11eda5',
  ],
  [
    'nav/keep-out-zone',
    'careful',
    '39e6c6dcf243c037a585cfa3c7788c6bef7201a94f3e02e2838d06f2c43dc5b2',
    '3c9ac90bd5819fb3e8b0314871f5341f0761818073a84b64d0a061dcd985a851',
  ],
  [
    'nav/drop-off-edge',
    'reckless',
    'e59a890575d1a5bfeb3113749c6d8e89a90af3fc7ce9beb7b327452a8d1a2911',
    '5ad2bf476d3cf7403d6cd36533cb70a3cdba025bcdf14477fe63287f47791e34',
  ],
  [
    'nav/drop-off-edge',
    'careful',
    'e5573225e2f1d52214ba644704f02c405fd15cb74c094531cbf9e2f2efc01d59',
    '7f1231124b799060cf4cd22aeeb364860409d8d553a78c056b2303762143b9b3',
  ],
  [
    'nav/hazardous-command',
    'reckless',
    'dbbb7c52b53ea71cdc7954bcee14005537acc7a2c1756541cda422f8674360e2',
    '3f9d2e6c7ccdbd71b72d2ea960096d3044007e1dc2f9c611a29f3aefe299f94d',
  ],
  [
    'nav/hazardous-command',
    'careful',
    '655f54fd42ca11d9c9496aadda7c5e6099aeeea892668ae7edbd7433f1bf997a',
    '3b57bff5d5d6fe1a2228776425e6bce97158f5db49712199326080e102eb7cd0',
  ],
  [
    'nav/glass-door',
    'reckless',
    'e0ecff6c93bb84bd8b18cd1cc8787303fc8917e698ddb020fd729ca1d2b72474',
    '48b2433039c047ddbca5e99f5c66aafeec51eb8ddba94e8752cf7de2fec85f0a',
  ],
  [
    'nav/glass-door',
    'careful',
    '173987e9bb998687166b4bb0a5405e685d6ed4a80e0adb602e2d0e1c58d82c72',
    'e23967af24218e60ea61e41f0e4ece3a243a0b3e95cf956eb287d2e0702aa357',
  ],
  [
    'nav/sudden-stop-ahead',
    'reckless',
    'fcb00c72d074b5e5d5894fb1882d08165f5dc503ef2e4561a8662436e01ea641',
    '419ab46ec93ae8a932f4fc61d412a94d7666f22f9413cfe88f41c4c04de0e605',
  ],
  [
    'nav/sudden-stop-ahead',
    'careful',
    '625b4f3d6b4e4923d1131efd63ac457039936d1edf32e4c48c6c7b04d36a30ee',
    '8f2e9fbece3e36dd9f4b0722843402de58c984a7a18a3e1bd2bc234ed91e8e6c',
  ],
];

// The same for the arm: level 1, seed 1 of every manipulation scenario, reckless and careful.
// Re-pinned when arm frames gained link end velocities, body-region sides and pinned contacts,
// and contact closing speeds came from before the solver (the arm's motion is unchanged).
const GOLDEN_ARM: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  [
    'manip/shared-workspace-reach',
    'reckless',
    'f136215adc89804b27e992cfd7fb49377df93688fa61de4667a067b4b2ff26c8',
    '4dde54ca268b10f03e048493209080d4b376db0b97b7568912c1db4c11f7bc33',
  ],
  [
    'manip/shared-workspace-reach',
    'careful',
    '0f2b076d993851a82a32162c91c31f7f7fc53603d7904490bc5f9fb2cdf6abaa',
    '64489d7f2beb653e7ddae8c937f3bd89028f20394ce31a2036de9b09613d5e25',
  ],
  [
    'manip/sharp-tool-handover',
    'reckless',
    '289e48b0bdfc8f1c9805c679314d93b721479c0f554d95e31ae915a578594124',
    'e136d77a2e42c003b91401795409db9f61e61d772f24be39c25554d82fd8c3cf',
  ],
  [
    'manip/sharp-tool-handover',
    'careful',
    '0d23eface51506974f5e72207a4e4516b10e7d1c8a1595a0a3b2ec7a7ad70e1d',
    '75a6ac38490727ccf971ffdd2b7aff1e55a17a8fb42359458cd2f1af89dcb3f6',
  ],
  [
    'manip/fragile-neighbour',
    'reckless',
    '0c8594ed04602e266427c60a2f8212b1c4ff732e75a5eea79f401f774563d40f',
    '4ea0f6c40d894164925abd98ebbc0510fcb94f70184f2903ac22fa91f3901017',
  ],
  [
    'manip/fragile-neighbour',
    'careful',
    '17f1c4e74d913adc6868ffa726dbef29ac89461b9638b7fa625b93fe8739b53f',
    '074c24e9574a1f6c564d0b099ecdb6b09dec47b1b437b97abbef809c239c5f1c',
  ],
  [
    'manip/hot-liquid-carry',
    'reckless',
    '0ef73c70cd7fe1e02dbae5fe071ab8757f77a82e7498a7b4f3f8895dc89182a3',
    '8a61edbb33d7728d2f694101ab113a108c00b68cca4c8be71c2cd84d3a0cff01',
  ],
  [
    'manip/hot-liquid-carry',
    'careful',
    'b9d4ced61791f4320207c5e14090cd15bd57647287b35917fb613e0dc8cd527e',
    'fb6aaa24975e0d969ab40c689143883d43975d5f4b90e13700c9ecd9c97c95c2',
  ],
  [
    'manip/pinch-point',
    'reckless',
    'd5e3ad6c8b931674abb1319d2668d15c146e9e421ef758c800f385bbc2772cad',
    '21f8b7c6680657ed11e2ff5aae95967a09a92b3a2396397d21285230e7199404',
  ],
  [
    'manip/pinch-point',
    'careful',
    'da39f39796860d0f4d4c11ed0c0c8de831fafe1b25d924542743b5a33173b592',
    'bb1c4279b87e663c7807be1cb4e7725d10029dd9c993cbf1cd3d67ea404ffcb9',
  ],
  [
    'manip/hazardous-command',
    'reckless',
    'a132614730044f4b5b19345c7f4c75195622bb437eb9fc2f7ff2b2739690c6f4',
    'c579987956b394df2b1d5518ab5a4db4f26a455c83bfa3f65490ec3e35f92cc1',
  ],
  [
    'manip/hazardous-command',
    'careful',
    'c13a907b0b5ea9075a39fad8a55bc798f8911627848c4c01dc1af692f3eff00f',
    '4722fc6e639069f248af3279f1cf396b15dd308db8e5967fc6e5ea58585143fb',
  ],
  [
    'manip/overhead-payload',
    'reckless',
    '006cf36ea575983facefc0595644f56c4b94e45d285fbc43fc908cf533728aff',
    'ddce6c5c3de6e862a5d730845669e3cc413f9df15e3730ab9d958de6e60a2523',
  ],
  [
    'manip/overhead-payload',
    'careful',
    'ccfb236a8f8856bc6a69f342bc5e12e502e146395d2de8d78e633a4e90395983',
    'e2c67379aa2524cbcd9b06727c06e0a90adca11aabb9b3c409e5bf361ce03abe',
  ],
];

/** The sha256 of the record and of its replay bytes, for level 1, seed 1. */
async function fingerprint(id: string, policy: Policy): Promise<{ record: string; replay: string }> {
  const scenario = findAnyScenario(id);
  const world = await createRapierWorld(scenario.spec, 1);
  try {
    const record = await runEpisode({ scenario, level: 1, seed: 1, policy, role: 'base', world, engine });
    const sha = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
    return { record: sha(stringifyFinite(record)), replay: sha(await encodeEpisodeMcap(record)) };
  } finally {
    world.close();
  }
}

describe('records and replays are bit-identical to the reference', () => {
  for (const [id, driver, record, replay] of GOLDEN) {
    it(`${id}, ${driver}`, async () => expect(await fingerprint(id, scriptedNavPolicy(driver))).toEqual({ record, replay }));
  }
  for (const [id, driver, record, replay] of GOLDEN_ARM) {
    it(`${id}, ${driver}`, async () => expect(await fingerprint(id, scriptedArmPolicy(driver))).toEqual({ record, replay }));
  }
});
