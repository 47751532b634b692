import { z } from 'zod';

export const suiteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
    description: z.string().default(''),
    entries: z
      .array(
        z
          .object({
            /** A scenario id from the catalog, or a path to a scenario file relative to the suite file. */
            scenario: z.string().min(1),
            levels: z.array(z.number().int().nonnegative()).min(1).optional(),
            seeds: z.number().int().positive().max(100_000),
            firstSeed: z.number().int().nonnegative().default(0),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type SuiteSpec = z.infer<typeof suiteSchema>;
