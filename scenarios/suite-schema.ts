import { z } from 'zod';
import { quoteInput } from './error-text.js';
import { levelNumber, MAX_LEVELS } from './scenario-schema.js';

/** Most entries a suite may list; the bundled suites have 16. */
export const MAX_SUITE_ENTRIES = 1000;

export const suiteSchema = z
  .object({
    id: z
      .string()
      .max(100)
      .regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
    description: z.string().max(4000).default(''),
    entries: z
      .array(
        z
          .object({
            /** A scenario id from the catalog, or a path to a scenario file relative to the suite file. */
            scenario: z.string().min(1).max(1000),
            levels: z
              .array(levelNumber)
              .min(1)
              .max(MAX_LEVELS, `at most ${MAX_LEVELS} levels`)
              // Each level's episodes are counted once in the statistics; a repeat would count them twice.
              .refine((ls) => new Set(ls).size === ls.length, { message: 'lists a level more than once' })
              .optional(),
            seeds: z.number().int().positive().max(100_000),
            firstSeed: z.number().int().nonnegative().max(1_000_000_000).default(0),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_SUITE_ENTRIES, `at most ${MAX_SUITE_ENTRIES} entries`),
  })
  .strict();

export type SuiteSpec = z.infer<typeof suiteSchema>;

/**
 * Entries that would run one scenario level twice (the same pairs counted twice in the
 * statistics). `levels` undefined means every level of the scenario.
 */
export function repeatedLevels(entries: ReadonlyArray<{ scenario: string; levels?: readonly number[] | undefined }>): string[] {
  const problems: string[] = [];
  const firstSeen = new Map<string, { index: number; all: Map<number, number> | 'every' }>();
  entries.forEach((entry, i) => {
    const seen = firstSeen.get(entry.scenario);
    if (!seen) {
      firstSeen.set(entry.scenario, { index: i, all: entry.levels ? new Map(entry.levels.map((l) => [l, i])) : 'every' });
      return;
    }
    const clash = (earlier: number, level?: number): void => {
      const what = level === undefined ? 'its levels' : `level ${level}`;
      problems.push(
        `entries[${i}]: scenario ${quoteInput(entry.scenario)} ${what} already in entries[${earlier}]; each scenario level may appear once (give one entry more seeds instead)`,
      );
    };
    if (seen.all === 'every') return clash(seen.index);
    if (!entry.levels) return clash(seen.index);
    for (const level of entry.levels) {
      const earlier = seen.all.get(level);
      if (earlier !== undefined) return clash(earlier, level);
      seen.all.set(level, i);
    }
  });
  return problems;
}
