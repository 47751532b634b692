import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RobotFamily } from '../../policies/policy.js';
import { runLab } from '../lab/run-lab.js';
import type { CliCommand } from './cli-command.js';
import { engineVersions } from '../episode/engine-versions.js';
import { numberOption, parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

const USAGE = `erosion lab [--family mobile-base|arm] [--seeds N] [--out DIR] [--quick]

  Trains the base policy, fine-tunes it on the benign downstream task with each recipe
  (learning rate and epochs, L2 pull toward the base, safety data mixed back in, LoRA,
  frozen layers), runs every model through the family's scenarios on the same seeds and
  prints a table: unsafe-episode rate, refusal rate on hazardous commands and task success,
  each with a 95% Wilson interval, and the paired erosion against the base.
  --family  robot family: mobile-base (navigation) or arm (manipulation); default mobile-base
  --seeds   seeds per scenario and level (default 4)
  --out     folder for lab.json, lab.md and the models (default runs/lab)
  --quick   a tiny plan for tests: 1 scenario, 2 recipes, few epochs`;

export const labCommand: CliCommand = {
  name: 'lab',
  summary: 'train fine-tuning recipes and measure how much each erodes safety',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('lab', args, {
      family: { type: 'string', default: 'mobile-base' },
      seeds: { type: 'string' },
      out: { type: 'string', default: join('runs', 'lab') },
      quick: { type: 'boolean', default: false },
    });
    const family = values.family as RobotFamily;
    if (family !== 'mobile-base' && family !== 'arm') throw new UsageError(`lab: --family "${values.family}" is not one of mobile-base, arm`);
    const seeds = numberOption('lab', 'seeds', values.seeds, values.quick ? 1 : 4, (n) => Number.isInteger(n) && n > 0);
    const outDir = resolve(values.out!);
    mkdirSync(outDir, { recursive: true });
    const started = performance.now();
    let lastTenth = -1;
    const result = await runLab({
      family,
      quick: values.quick!,
      seeds,
      outDir,
      engine: await engineVersions(),
      onStage: (line) => io.err(line),
      onDemoProgress: (what, p) => {
        if (p.done === p.total) io.err(`${what}: ${p.total} episodes, ${p.rows} rows`);
      },
      onEvalProgress: (done, total) => {
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth) io.err(`evaluation: episodes ${done}/${total}`);
        lastTenth = tenth;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const command = `erosion lab --family ${family} --seeds ${seeds}${values.quick ? ' --quick' : ''}`;
    const md = `${result.table}\n\nMade by \`${command}\` in ${seconds.toFixed(0)} s.\n`;
    writeFileSync(join(outDir, 'lab.md'), md);
    writeFileSync(
      join(outDir, 'lab.json'),
      `${JSON.stringify({ command, family, seeds, rows: result.rows, evaluation: result.evaluation, episodes: result.episodes }, null, 2)}\n`,
    );
    io.out(result.table);
    io.out(`\nlab: ${join(values.out!, 'lab.md')} (${seconds.toFixed(0)} s)`);
    return 0;
  },
};
