import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, importSpecifiers, sourceFiles, type ImportEdge } from './import-graph.js';

// The direction of the code, checked on the real import graph: no cycles anywhere, and inside
// sim/ every import points down the pipeline (the data flow first, then the tools built on it).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['sim', 'scenarios', 'policies', 'bridge', 'viewer', 'bin'];

/**
 * The layers of sim/, in order: a file may import its own layer and the ones before it.
 * The record format sits below the episode loop that writes it; the report is pure functions of
 * episode results, below the run engine whose sequential rounds use its decisions.
 */
const SIM_LAYERS: ReadonlyArray<{ layer: string; paths: readonly string[] }> = [
  // The seam types every layer speaks (frames, the World and Monitor interfaces), and geometry.
  { layer: 'geometry', paths: ['sim/geometry/', 'sim/frame.ts', 'sim/world.ts', 'sim/monitor.ts', 'sim/body-model.ts', 'sim/actuator.ts'] },
  { layer: 'observation', paths: ['sim/observation/'] },
  { layer: 'worlds', paths: ['sim/arm/', 'sim/rapier/'] },
  { layer: 'monitors', paths: ['sim/monitors/'] },
  { layer: 'record', paths: ['sim/record/'] },
  { layer: 'episode', paths: ['sim/episode/', 'sim/index.ts'] },
  { layer: 'report', paths: ['sim/report/'] },
  { layer: 'run', paths: ['sim/run/'] },
  { layer: 'hunt', paths: ['sim/hunt/'] },
  { layer: 'demos', paths: ['sim/demos/'] },
  { layer: 'lab', paths: ['sim/lab/'] },
  { layer: 'bench', paths: ['sim/bench/'] },
  { layer: 'cli', paths: ['sim/cli/'] },
];

/** Imports against the layers that are known and scheduled to go (none today). */
const KNOWN_SIM_EXCEPTIONS = new Set<string>();

/**
 * The viewer reads replay files: from sim/ it imports the record and the frame and monitor types
 * a record is made of, never a world or an episode loop. Its command and its bench section plug
 * into two seams, so it also imports those seams' contracts (the command interface, its option
 * parser and exit codes; the bench section type), as the bridge's commands do.
 */
const VIEWER_MAY_IMPORT = [
  'sim/record/',
  'sim/frame.ts',
  'sim/monitor.ts',
  'sim/cli/cli-command.ts',
  'sim/cli/parse-options.ts',
  'sim/cli/usage-error.ts',
  'sim/bench/bench-section.ts',
];
const KNOWN_VIEWER_EXCEPTIONS = new Set<string>();

function layerOf(file: string): number {
  const i = SIM_LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
  if (i < 0) throw new Error(`${file} is in no layer of sim/: add its folder to SIM_LAYERS in this test, in pipeline order`);
  return i;
}

const describeEdge = (e: ImportEdge): string => `${e.from} -> ${e.to}`;
const top = (file: string): string => file.split('/')[0]!;

/** Every import inside sim/ that points up the layer order, or out to bridge/ or viewer/. */
function simLayerViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    if (top(e.from) !== 'sim' || KNOWN_SIM_EXCEPTIONS.has(describeEdge(e))) continue;
    if (top(e.to) === 'bridge' || top(e.to) === 'viewer') {
      problems.push(`${describeEdge(e)}: sim/ never imports ${top(e.to)}/ (bin/main.ts is where the folders meet)`);
      continue;
    }
    if (top(e.to) !== 'sim') continue;
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    if (to > from) {
      const allowed = SIM_LAYERS.slice(0, from + 1)
        .map((l) => l.layer)
        .join(', ');
      problems.push(`${describeEdge(e)}: layer "${SIM_LAYERS[from]!.layer}" imports the later layer "${SIM_LAYERS[to]!.layer}"; it may import only ${allowed}`);
    }
  }
  return problems;
}

function folderViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    const from = top(e.from);
    const to = top(e.to);
    if (from === to) continue;
    if (from === 'scenarios' && ['sim', 'policies', 'bridge', 'viewer', 'bin'].includes(to))
      problems.push(`${describeEdge(e)}: scenarios/ is plain data and imports no other folder`);
    if (from === 'policies' && ['sim', 'bridge', 'viewer', 'bin'].includes(to)) problems.push(`${describeEdge(e)}: policies/ imports nothing from ${to}/`);
    if (
      from === 'viewer' &&
      to === 'sim' &&
      !VIEWER_MAY_IMPORT.some((p) => (p.endsWith('/') ? e.to.startsWith(p) : e.to === p)) &&
      !KNOWN_VIEWER_EXCEPTIONS.has(describeEdge(e))
    ) {
      problems.push(`${describeEdge(e)}: the viewer imports from sim/ only the record types (${VIEWER_MAY_IMPORT.join(', ')})`);
    }
  }
  return problems;
}

describe('import graph', () => {
  const edges = importEdges(ROOT, sourceFiles(ROOT, FOLDERS));

  it('reads the imports of the real tree', () => {
    // A parser that found nothing would pass every rule below.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'sim/episode/run-episode.ts', to: 'sim/record/episode-record.ts' });
  });

  it('has no import cycles', () => {
    const cycles = importCycles(edges).map((c) => c.join(' -> '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('inside sim/, every import points down the pipeline', () => {
    const problems = simLayerViolations(edges);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the folders import only what the layout table allows', () => {
    const problems = folderViolations(edges);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the known exceptions still exist, so none outlives its fix', () => {
    const seen = new Set(edges.map(describeEdge));
    const stale = [...KNOWN_SIM_EXCEPTIONS, ...KNOWN_VIEWER_EXCEPTIONS].filter((e) => !seen.has(e));
    expect(stale, `no longer imported; remove from the exceptions: ${stale.join(', ')}`).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('read static, re-export, side-effect and dynamic imports, and skip commented ones', () => {
    const text = [
      "import type { A } from './a.js';",
      'import {\n  b,\n  c,\n} from "../b.js";',
      "export { d } from './d.js';",
      "import './side-effect.js';",
      "const m = await import('./lazy.js');",
      "// import { x } from './commented.js';",
      "/* import { y } from './block.js'; */",
      "import { z } from 'node:fs';",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../b.js', './a.js', './d.js', './lazy.js', './side-effect.js']);
  });

  it('find a three-file cycle and name it in order', () => {
    const edges = [
      { from: 'a.ts', to: 'b.ts' },
      { from: 'b.ts', to: 'c.ts' },
      { from: 'c.ts', to: 'a.ts' },
      { from: 'c.ts', to: 'd.ts' },
    ];
    expect(importCycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('name an import that points up the layers, and one out to the bridge', () => {
    const problems = simLayerViolations([
      { from: 'sim/monitors/monitor-registry.ts', to: 'sim/episode/arm-control.ts' },
      { from: 'sim/episode/run-episode.ts', to: 'sim/monitors/monitor-registry.ts' },
      { from: 'sim/record/episode-file.ts', to: 'bridge/world/rosbridge-world.ts' },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('sim/monitors/monitor-registry.ts -> sim/episode/arm-control.ts: layer "monitors" imports the later layer "episode"');
    expect(problems[1]).toContain('sim/record/episode-file.ts -> bridge/world/rosbridge-world.ts: sim/ never imports bridge/');
  });
});
