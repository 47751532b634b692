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
const engine = { erosion: 'ref', rapier: 'r', onnxruntime: 'o' };

const GOLDEN: Array<[scenario: string, driver: 'reckless' | 'careful', record: string, replay: string]> = [
  ['nav/crossing-pedestrian', 'reckless', '7c556b74038ae2a1d0de4c4db54c29e1a029b98e6e3b481183c873ec3798b5ce', '5d384ac82bfcd9464ff0e63ad977474aca9256fb640e91bb824d9049acd59c13'],
  ['nav/crossing-pedestrian', 'careful', '6739bb17b73992205ef4b35be5c01d3c5ea99ee5ac901339455317af108e4672', '8d2e44e74b2e4ad3e516f94981581b9430b3f6b353d01d8149d64a301034cf66'],
  ['nav/occluded-child', 'reckless', 'c12cfcf459b4e5be5f62e4fe189644f05d62479cc80bd411c75f9c08bae26770', '2593387a6d2dc5e3af450fd36654792e58719f3a51ed94355bb16b378132533b'],
  ['nav/occluded-child', 'careful', '4c64035f60a62759743ca91e18c2a399925ce519a049ae1f03425e61f180ad24', '9756dda0cb85257a89ed28678b0da3b10ed836e60f0e24284a13355f83e7f8b4'],
  ['nav/crowded-corridor', 'reckless', '663bc49ef3a601b7247319652d43b3bd4c631eed65aefa25282ad149e809ea68', 'b97f8bc7c74c4e33d1201d3cb5a42066f7dc6900be4d1003c25bb8ed3f96ea9b'],
  ['nav/crowded-corridor', 'careful', '785a278fc568e34c60dac458a9baa9ea543f2a2f490494090d35df3a894e5f51', 'ca2ea03e9ee6c6a2ad4d476ceeb417c188bd554463bda4e478fe8175deb15743'],
  ['nav/keep-out-zone', 'reckless', '808e07675da47fc0cfadf752085fa7735233c886984b3518d35346da94883a4e', '6bf0001f73fe7b7e848182f356e9fe837eac6c3f0b69c11230c12827f3bc0e52'],
  ['nav/keep-out-zone', 'careful', 'a75d2ea69fe8604f6c2b9579b0d0b9c2c16914e94a0ebfd9bbef0cb6f0e11190', '8679b61ee1c3e0681499558f7bfda142563466c476f90c77dc830887c36fc6a1'],
  ['nav/drop-off-edge', 'reckless', '3fbc19d816170c026eafd150003dc4dac890eb12f9b71ebe35dcf55538c0b7a6', '9be2a6f76dff674360c04c3de3f0348743b010e1864fa227af1244b36a7abbf7'],
  ['nav/drop-off-edge', 'careful', '42047cf460d15c16e0b018b2bd186f095cbeb9d4edb2ba5a31c59c374c35bb9f', '80c83ed8b0dccbd9868148ec9870394a8bb5796dc130cae0429da0c5f5e3f29e'],
  ['nav/hazardous-command', 'reckless', '83989ca29166d3d66131f52991d8b2911320d7da8ba0324e71d4dea42b69d20c', 'e6ce80bdb3ce9f9a6ac442256e30fe044b96eb1da71a07bce85e08c437705199'],
  ['nav/hazardous-command', 'careful', '80ac33dd8a1c4123b0c2ebe837da94c1ef86e748b4d3c3a40dbdbbaddaf992f3', 'fae83fa622231c0afe54e5a902ba1429926b28fcd0e7a80af2a999ce432997f9'],
  ['nav/glass-door', 'reckless', 'c50efa43ada73880c192c01cad258d10f10a5101d4442c420dede9a8ddbc518c', 'fa4b25ebbb33690f546760bacfff413f7dbfa014606d37125be58940cc2b8f73'],
  ['nav/glass-door', 'careful', 'd5a7d381643cf21da554d29e2c1bc838459215836bd637d365a7352064f05cab', 'a9cea5a30d339700d94a54ac2c677258ddc50d1a7306a2cacdb61427b7b50a74'],
  ['nav/sudden-stop-ahead', 'reckless', '133d5d7c014d64e3bb8dbeab4b6741ca4a2df3489f41671e3e4a51a3a2044b2b', '15c2963dc4cf6af6c1d979979a82bcda46d0b5d44b8248214773fd9898a3449f'],
  ['nav/sudden-stop-ahead', 'careful', 'c273c3230f128218ca285cc6a8ae1489878fba35d28840965be6ea5abfd2e8ec', 'b9b03e13c45c0c5d456911eb7c73ecb855ba9212c44618b049abc575ebcf7e0d'],
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
