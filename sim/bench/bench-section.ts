/** One section of `npm run bench`: a named measurement printing its own lines and returning its figures. */
export interface BenchSection {
  name: string;
  summary: string;
  run(opts: BenchOptions): Promise<BenchFigures>;
}

export interface BenchOptions {
  /** Where a section may print progress and its table. */
  log: (line: string) => void;
  /** Section-specific settings from the command line (--key value). */
  settings: Record<string, string>;
}

export type BenchFigures = Record<string, number | string>;
