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
