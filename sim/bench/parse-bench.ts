import { parse } from 'yaml';
import { parseYamlBounded } from '../../scenarios/index.js';
import type { BenchSection } from './bench-section.js';

/** A parameter block of `count` keys, the shape that once made reading quadratic. */
function manyKeys(count: number): string {
  let text = 'params:\n';
  for (let i = 0; i < count; i++) text += `  p${i}: { min: 0, max: 1 }\n`;
  return text;
}

function bestOfMs(text: string, repeats: number, read: (text: string) => unknown): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    read(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Reading input files should cost in proportion to their size: four times the keys should take
 * about four times as long. The yaml library's own duplicate-key check compares each key with
 * every earlier one; it is measured in the same run for comparison.
 */
export const parseBench: BenchSection = {
  name: 'input-parse',
  summary: 'YAML input reading at 2,000 and 8,000 keys; the ratio should stay near 4 (linear)',
  async run({ log }) {
    const small = manyKeys(2_000);
    const large = manyKeys(8_000);
    const bounded = (t: string): unknown => parseYamlBounded(t, 'bench file');
    const library = (t: string): unknown => parse(t);
    bestOfMs(small, 2, bounded); // warm the parser before measuring
    const smallMs = bestOfMs(small, 3, bounded);
    const largeMs = bestOfMs(large, 3, bounded);
    const librarySmallMs = bestOfMs(small, 1, library);
    const libraryLargeMs = bestOfMs(large, 1, library);
    log(`  ${small.length} and ${large.length} bytes`);
    return {
      'ms at 2,000 keys': Number(smallMs.toFixed(1)),
      'ms at 8,000 keys': Number(largeMs.toFixed(1)),
      'ratio (linear = 4)': Number((largeMs / smallMs).toFixed(2)),
      'library default ms at 8,000 keys': Number(libraryLargeMs.toFixed(1)),
      'library default ratio': Number((libraryLargeMs / librarySmallMs).toFixed(2)),
    };
  },
};
