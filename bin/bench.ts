import { compareBench } from '../sim/bench/compare-bench.js';
import { verdictBench } from '../sim/bench/verdict-bench.js';
import type { BenchSection } from '../sim/bench/bench-section.js';
import { huntBench } from '../sim/bench/hunt-bench.js';
import { mujocoBench } from '../sim/bench/mujoco-bench.js';
import { parseBench } from '../sim/bench/parse-bench.js';
import { scalingBench } from '../sim/bench/scaling-bench.js';
import { viewerBench } from '../viewer/bench/viewer-bench.js';

// The composition root of `npm run bench`: every folder's sections meet here.
const SECTIONS: BenchSection[] = [compareBench, scalingBench, mujocoBench, verdictBench, huntBench, viewerBench, parseBench];

/** `npm run bench [-- --only NAME] [-- --KEY VALUE…]`; settings go to every section. */
export async function bench(argv: string[]): Promise<number> {
  const settings: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!;
    if (!key.startsWith('--') || argv[i + 1] === undefined) {
      process.stderr.write(`bench: expected --KEY VALUE pairs, got "${key}"\nsections: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
      return 2;
    }
    settings[key.slice(2)] = argv[i + 1]!;
  }
  const chosen = settings.only ? SECTIONS.filter((s) => s.name === settings.only) : SECTIONS;
  if (chosen.length === 0) {
    process.stderr.write(`bench: no section "${settings.only}"; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  for (const section of chosen) {
    log(`== ${section.name}: ${section.summary}`);
    const figures = await section.run({ log, settings });
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) log(`  ${k.padEnd(width)}  ${v}`);
  }
  return 0;
}
