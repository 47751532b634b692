import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RobotFamily } from '../../policies/policy.js';
import { trainExamples } from '../demos/index.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

const FAMILIES: readonly RobotFamily[] = ['mobile-base', 'arm'];

const USAGE = `erosion train [--family mobile-base|arm|all] [--out DIR] [--quick]

  Records demonstrations of the scripted careful expert in the simulator, trains the base
  policy by behaviour cloning, fine-tunes the candidate on the benign downstream task, and
  writes both as ONNX models with manifests.
  --family  robot family, or all of them (default mobile-base)
  --out     folder for the models (default runs/train; npm run train:examples writes the bundled examples)
  --quick   a tiny plan for tests (1 scenario, 1 seed, few epochs)`;

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train the example base and fine-tuned candidate policies',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('train', args, {
      family: { type: 'string', default: 'mobile-base' },
      out: { type: 'string', default: join('runs', 'train') },
      quick: { type: 'boolean', default: false },
    });
    const families = values.family === 'all' ? FAMILIES : [values.family as RobotFamily];
    if (!FAMILIES.includes(families[0]!)) throw new UsageError(`train: --family "${values.family}" is not one of ${FAMILIES.join(', ')}, all`);
    const started = performance.now();
    const outDir = resolve(values.out!);
    mkdirSync(outDir, { recursive: true });
    for (const family of families) {
      if (families.length > 1) io.err(`== ${family}`);
      await trainFamily(family, values.quick!, io, (name, bytes) => {
        writeFileSync(join(outDir, name), bytes);
        io.out(`wrote ${join(values.out!, name)} (${bytes.length} bytes)`);
      });
    }
    io.out(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};

async function trainFamily(family: RobotFamily, quick: boolean, io: CliIo, write: (name: string, bytes: Uint8Array) => void): Promise<void> {
  let lastTenth = -1;
  const result = await trainExamples(family, {
    quick,
    onProgress: (what, p) => {
      const tenth = Math.floor((p.done / p.total) * 10);
      if (tenth !== lastTenth || p.done === p.total) io.err(`${what}: episodes ${p.done}/${p.total}, ${p.rows} rows`);
      lastTenth = p.done === p.total ? -1 : tenth;
    },
    onStage: (line) => io.err(line),
  });
  for (const [name, bytes] of result.files) write(name, bytes);
}
