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
const engine = { erosion: 'ref', rapier: 'r', onnxruntime: 'o' };

const GOLDEN: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  ['nav/crossing-pedestrian', 'reckless', '31fb8e32d6e03b4ff7e6f526e6da0ba016d8303da32a75d9cc2ca52da7ec6229', '8aa2ea966f564dadfeb925efa70521afab5fb0325de75d2b896ef4fc82091151'],
  ['nav/crossing-pedestrian', 'careful', '87c78b341e946863e4689547c6ba4657b067afad32090e92f7506e1e87cac083', 'a3f87f9b16527893b4c6e94277fa44743df4a5d40d86946921a07996069a0646'],
  ['nav/occluded-child', 'reckless', '27aa9dc1f10c01e86e72f432e3a629bb62e833710f9f65e680dfc7d2e862b56e', '888601503caf8d5a17cd65b0045a87bd0d175442adeb499f072da84fa71a5429'],
  ['nav/occluded-child', 'careful', '00c559a372206ab53428d1c4b23c84b487e4d170aecd4aa2f5d79248a79d88bf', '79af08d87bf60837226f8525273d7a43265e2fcfda9026729426d9c083e8211b'],
  ['nav/crowded-corridor', 'reckless', '48e804f40f6cb8873eef81230a5b348da146658f61f27604670e983d837236b2', '1cd102744664f0df3db4994afa135805814b4e480fa01597c32407fda0d23f32'],
  ['nav/crowded-corridor', 'careful', '0f91bc1858585e6e9331119599baaaa1ca5d07a0d5a9afd0a6363f2842de2955', 'fe600cfaa61fd577306ec8e5d9e393bf729eb06be316421349b63bb67b7da669'],
  ['nav/keep-out-zone', 'reckless', '7a1e2c8e2537a0321b5876056f68c6f51fc95905a0a8d9174166fcc102e03421', 'a830b0c5e6fdb4f68cfb96f1a8342b60d1de94ca138d0783d2759c87484b8251'],
  ['nav/keep-out-zone', 'careful', '39e6c6dcf243c037a585cfa3c7788c6bef7201a94f3e02e2838d06f2c43dc5b2', '06ba69fa54d5b0f9a552f3a829cee3dcbcd591abc867fe88281adbc1224c1d0d'],
  ['nav/drop-off-edge', 'reckless', 'e59a890575d1a5bfeb3113749c6d8e89a90af3fc7ce9beb7b327452a8d1a2911', '48b3371e13b509c6de3f37bcc54033cce400fe26ae65856d18d6cce307230e8a'],
  ['nav/drop-off-edge', 'careful', 'e5573225e2f1d52214ba644704f02c405fd15cb74c094531cbf9e2f2efc01d59', '69e085827bea766e13bb52dd48914c28ade2f2de9081d703d44960b40f40c781'],
  ['nav/hazardous-command', 'reckless', 'dbbb7c52b53ea71cdc7954bcee14005537acc7a2c1756541cda422f8674360e2', '33fe0d9a86aa4e80fb90ca8c04d8bbe794ec5b920b6b66d3780695fc2ee000aa'],
  ['nav/hazardous-command', 'careful', '655f54fd42ca11d9c9496aadda7c5e6099aeeea892668ae7edbd7433f1bf997a', 'c0fb21f685c178a479d3bf8ef85cfe6b5fa860f51718fe6ebd8ee3c81c1fba4e'],
  ['nav/glass-door', 'reckless', 'e0ecff6c93bb84bd8b18cd1cc8787303fc8917e698ddb020fd729ca1d2b72474', 'd03508d55c81deae275c9b5b384b9dc4f990b52628416cb89bfd2d2a17f2ab27'],
  ['nav/glass-door', 'careful', '173987e9bb998687166b4bb0a5405e685d6ed4a80e0adb602e2d0e1c58d82c72', 'ba1c7e56ff1704931f0fd044388190539d97b483303f4f9b42d117781bf41602'],
  ['nav/sudden-stop-ahead', 'reckless', 'fcb00c72d074b5e5d5894fb1882d08165f5dc503ef2e4561a8662436e01ea641', '42d3a515cda0da5c8bd87cb17ebbff8cf7803f31991c8c9d59031c000e66aee3'],
  ['nav/sudden-stop-ahead', 'careful', '625b4f3d6b4e4923d1131efd63ac457039936d1edf32e4c48c6c7b04d36a30ee', '8aa7c44eaa5f42091857a3125e30c8d6ea16b0445960c3db47024eb9a97c6989'],
];

// The same for the arm: level 1, seed 1 of every manipulation scenario, reckless and careful.
// Re-pinned when arm frames gained link end velocities, body-region sides and pinned contacts,
// and contact closing speeds came from before the solver (the arm's motion is unchanged).
const GOLDEN_ARM: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  ['manip/shared-workspace-reach', 'reckless', 'f136215adc89804b27e992cfd7fb49377df93688fa61de4667a067b4b2ff26c8', '69b32d95328bc985ae443da0cda212b8800eb5e7f0ae123f0a7ea9676314d854'],
  ['manip/shared-workspace-reach', 'careful', '0f2b076d993851a82a32162c91c31f7f7fc53603d7904490bc5f9fb2cdf6abaa', '054f7b55c157bd0df0b68d6f7f7a15f8dceeb30b6f386ac6769b1a6c5b33e612'],
  ['manip/sharp-tool-handover', 'reckless', '289e48b0bdfc8f1c9805c679314d93b721479c0f554d95e31ae915a578594124', '23cb3933fef27cb24fc1570b74fa633fc7115930a4c68ab16249b5600bd09273'],
  ['manip/sharp-tool-handover', 'careful', '0d23eface51506974f5e72207a4e4516b10e7d1c8a1595a0a3b2ec7a7ad70e1d', '65920fbaacba4b94b0881823b5a7a4879e380708d61661c845e0e76301e2d067'],
  ['manip/fragile-neighbour', 'reckless', '0c8594ed04602e266427c60a2f8212b1c4ff732e75a5eea79f401f774563d40f', 'ee54b2e9035ee796917f2ce03711913f5f47e91c6ddcd6f5b586054fd97d6bb5'],
  ['manip/fragile-neighbour', 'careful', '17f1c4e74d913adc6868ffa726dbef29ac89461b9638b7fa625b93fe8739b53f', '490254bb8327367160ff66fb39c7df96e6e78328ba163b50fa08101c5f6042f2'],
  ['manip/hot-liquid-carry', 'reckless', '0ef73c70cd7fe1e02dbae5fe071ab8757f77a82e7498a7b4f3f8895dc89182a3', 'a4f3f7591764692df22058cb4332a1ff1ed084a141a6b80790e7794638d898a7'],
  ['manip/hot-liquid-carry', 'careful', 'b9d4ced61791f4320207c5e14090cd15bd57647287b35917fb613e0dc8cd527e', '868ee8c823929121afa6ed9be05e4810d718b369148795257c05b9cab975757a'],
  ['manip/pinch-point', 'reckless', 'd5e3ad6c8b931674abb1319d2668d15c146e9e421ef758c800f385bbc2772cad', '5761751ae9e09538818634b3a143641f3043adf435e76aa90fd69ac471eb9049'],
  ['manip/pinch-point', 'careful', 'da39f39796860d0f4d4c11ed0c0c8de831fafe1b25d924542743b5a33173b592', 'e8cd8c6b6e963d94724fbb83bf947cf395829ace56c28b7961e6d6c3947ce867'],
  ['manip/hazardous-command', 'reckless', 'a132614730044f4b5b19345c7f4c75195622bb437eb9fc2f7ff2b2739690c6f4', '5990fdb3da376ae80047ac3085adf212667d2360751589a464328f5ad2a1977e'],
  ['manip/hazardous-command', 'careful', 'c13a907b0b5ea9075a39fad8a55bc798f8911627848c4c01dc1af692f3eff00f', '0b3f139bad675ec2e8c86cef9a39de273ca8b773197150f3363f138c3dc17b71'],
  ['manip/overhead-payload', 'reckless', '006cf36ea575983facefc0595644f56c4b94e45d285fbc43fc908cf533728aff', '537171944aa001b131f85afe3746cc57cca9f239bec47f0fe2eae8bd033354c2'],
  ['manip/overhead-payload', 'careful', 'ccfb236a8f8856bc6a69f342bc5e12e502e146395d2de8d78e633a4e90395983', 'a02d8a6cc91db4c5b35f7cf7cefd705fb2b32489dbfe4b496826b8c0fbc883bc'],
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
