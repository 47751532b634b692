import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scriptedNavPolicy } from '../../../policies/scripted/nav-scripted-policy.js';
import { findScenario } from '../../../scenarios/index.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import { stringifyFinite } from '../../../sim/record/finite-json.js';
import { encodeEpisodeMcap } from '../../../sim/record/mcap-codec.js';

// Speed work on the episode loop, the monitors, the nav world and the replay writer must not
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

describe('records and replays are bit-identical to the reference', () => {
  for (const [id, driver, recordHash, replayHash] of GOLDEN) {
    it(`${id}, ${driver}`, async () => {
      const scenario = findScenario(id);
      const world = await createRapierWorld(scenario.spec, 1);
      try {
        const record = await runEpisode({ scenario, level: 1, seed: 1, policy: scriptedNavPolicy(driver), role: 'base', world, engine });
        const sha = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
        expect({ record: sha(stringifyFinite(record)), replay: sha(await encodeEpisodeMcap(record)) }).toEqual({ record: recordHash, replay: replayHash });
      } finally {
        world.close();
      }
    });
  }
});
