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
const GOLDEN_ARM: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  ['manip/shared-workspace-reach', 'reckless', '47764a4b2bf180b4393d1df3d8398ade25101ede7dba727a74b090ef12778dc9', '890b6da76fa588978c28df34f913ceb2150d8dc19b1a7c34995dade13c1f03e6'],
  ['manip/shared-workspace-reach', 'careful', '2584e91e5c2eeefc11319b379b0fe26461735425d6e7555fb49b9a34d0ebb9da', '583663ac8c3b433899db9887fdf56e09e4335e607639b6cfd44de38d72c8411d'],
  ['manip/sharp-tool-handover', 'reckless', '6977d99e6b2ad893f9b8129c762c6479bd0a105297c5f0c533a6fd399dc94681', 'e02c3439fff0c362d50950c6323f04581133fcdccda6c19a57bb6009b416f87c'],
  ['manip/sharp-tool-handover', 'careful', '2dc2436f51d5f29cc17ca8572bb97ceeb3766c64d5f0ebeda4f99bc4ca592365', '72672151a3f7e71b4f89739943edc01729ee6aa0fead358bb4b83e2a30ca5384'],
  ['manip/fragile-neighbour', 'reckless', '77a97e0ff2aa1a9925513a70e4825abd5dd46410bff0ddbcd7ffac1696033850', '2e7b82f47e7d507f96754d29dac101fa6ab2af05a3d030a4135a9af58ed6fb09'],
  ['manip/fragile-neighbour', 'careful', '5596e4d1817d4bb65f03c2f22c164d9b385258f305006a66c4b82fe777d9d11c', '5ddffacfa456666b82d00cc7e1f33d893ceb670bc6ce1cd4374a0885221a4b68'],
  ['manip/hot-liquid-carry', 'reckless', '7fcf4682cbc3ce94ac0c98c22384dea15a9ab1ad4623ba73397a49093728e50e', '4baf5b927e1b4d4cd4a1b6410c77bfdffb5e43c0405a1ec9270307ade7629306'],
  ['manip/hot-liquid-carry', 'careful', 'e8e817e8dc610c948355cb14bc5206ea311470a14b854a7384002d0ae0dcdee8', '9d4f2eab9503966c3d031564b7df64003240e3c01402a7601eb4f870c41c48dc'],
  ['manip/pinch-point', 'reckless', '44265e473900db56cdb6c1e860706aa4ee96d2f01d048e2156eaa0b8c778cb8d', '1adc9d17ea8af0a270e50367e42b89421c39969e1b22862885a200f501d03c82'],
  ['manip/pinch-point', 'careful', '21dbd16a2254d75351fa9275eeb7ea54f79beeba0f555a1ce8917685a8ea0e26', 'b39d0168178845b6dfef3c90129cd7409084135f4db5960b2293f04ebf903bef'],
  ['manip/hazardous-command', 'reckless', 'fe1ff76ba20953a89507ef8dc542dd30a6aab39914c9ef23dc944b3680f7dffe', '5bf7d350c340c30ea8e880ac378c102d2910ab9b4d39f9531dbbd7f2bdfba18c'],
  ['manip/hazardous-command', 'careful', '74c4c2aee2e327ee18f6fb156b492cf719580293c1af603bbde1e3a018fe04af', 'ab8ecf4879c060a57c3cd6f3a5ee41989de5e61ccf3d0a5d5ece130c1813c556'],
  ['manip/overhead-payload', 'reckless', 'a6a35870a3f1f5cf8d0e9cdfdbeb82d4610d7aa8bcf086ebe5baf152b1339716', '8b3dbf9f386a92682e04b4e320af404361cfdd1b9343c87f0d2ffb82be393e72'],
  ['manip/overhead-payload', 'careful', 'b94da7ddc6fb5f1c1b2d2c2912a0c73b20eef13414920e0055b69674c951b26e', '3617e0a80d70f42267dc26d6bc3f75797295ff70ee54e219ccd1e1f3e1612b68'],
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
