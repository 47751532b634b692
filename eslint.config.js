// Keeps each heavy dependency in its one home folder, sim/'s imports pointing down its pipeline,
// and clocks and Math.random out of the sim.
import tseslint from 'typescript-eslint';

const heavy = {
  rapier: { pattern: '@dimforge/*', home: 'sim/rapier/' },
  onnx: { pattern: 'onnxruntime-node', home: 'policies/onnx/' },
  roslib: { pattern: 'roslib', home: 'bridge/' },
  three: { pattern: 'three', home: 'viewer/' },
  // WASM MuJoCo is only the benchmark's yardstick for the physics world.
  mujoco: { pattern: '@mujoco/*', home: 'sim/bench/' },
};

// The layers of sim/, in pipeline order: a folder may import its own layer and earlier ones
// (tests/structure/import-graph.test.ts checks the same order on the whole graph, and cycles).
const simLayers = [
  ['geometry'],
  ['observation'],
  ['arm', 'rapier'],
  ['monitors'],
  ['record'],
  ['episode'],
  ['report'],
  ['run'],
  ['hunt'],
  ['demos'],
  ['lab'],
  ['bench'],
  ['cli'],
];

function laterLayersThan(folder) {
  const rank = simLayers.findIndex((layer) => layer.includes(folder));
  return { names: simLayers.slice(rank + 1).flat(), rank };
}

const simNeverImports = {
  regex: '^(\\.\\./)+(bridge|viewer)/',
  message: 'sim/ never imports bridge/ or viewer/: bin/main.ts is where the folders meet',
};

// The viewer reads replay files: from sim/ only the record and the frame and monitor types a record
// is made of, plus the contracts of the two seams its command and bench section plug into.
const viewerReadsRecordsOnly = {
  regex: '^(\\.\\./)+sim/(?!record/|frame\\.js$|monitor\\.js$|cli/(cli-command|parse-options|usage-error)\\.js$|bench/bench-section\\.js$)',
  message: 'the viewer imports from sim/ only the record types (sim/record/, sim/frame.ts, sim/monitor.ts)',
};

function layerPatterns(folder) {
  const { names } = laterLayersThan(folder);
  if (names.length === 0) return [];
  return [
    { regex: `^\\.\\./(${names.join('|')})/`, message: `sim/${folder}/ may import only its own and earlier layers of the pipeline, not ${names.join(', ')}` },
  ];
}

function importRules(allowedHeavy, extraPatterns = []) {
  const patterns = Object.entries(heavy)
    .filter(([name]) => !allowedHeavy.includes(name))
    .map(([, { pattern, home }]) => ({
      group: [pattern, `${pattern}/*`],
      message: `this dependency lives only in ${home}; import the project's own types instead`,
    }));
  return { 'no-restricted-imports': ['error', { patterns: [...patterns, ...extraPatterns] }] };
}

// One entry per sim/ folder: its layer rule, with Rapier allowed in sim/rapier/ only.
const simFolderConfigs = simLayers.flat().map((folder) => ({
  files: [`sim/${folder}/**`],
  rules: importRules(folder === 'rapier' ? ['rapier'] : folder === 'bench' ? ['mujoco'] : [], [...layerPatterns(folder), simNeverImports]),
}));

// The seam types at sim/'s top (frames, World, Monitor) are the bottom layer; sim/index.ts is the
// public surface of the episode engine.
const simTopConfigs = [
  {
    files: ['sim/*.ts'],
    ignores: ['sim/index.ts'],
    rules: importRules(
      [],
      [{ regex: `^\\./(${simLayers.slice(1).flat().join('|')})/`, message: 'the seam types at the top of sim/ import only sim/geometry/' }, simNeverImports],
    ),
  },
  {
    files: ['sim/index.ts'],
    rules: importRules(
      [],
      [
        {
          regex: `^\\./(${laterLayersThan('episode').names.join('|')})/`,
          message: "sim/index.ts is the episode engine's surface: no run engine, reports or tools",
        },
        simNeverImports,
      ],
    ),
  },
];

const noClock = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'use SeededRandom: runs must be reproducible from the seed' },
    { object: 'Date', property: 'now', message: 'no wall clock in the simulation: use simulated time' },
    { object: 'performance', property: 'now', message: 'no wall clock in the simulation: use simulated time' },
  ],
  'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'no wall clock in the simulation: use simulated time' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'runs/**', 'dist/**', 'viewer/dist/**', '**/*.onnx'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.ts', '**/*.js', '**/*.mjs'], rules: importRules([]) },
  ...simTopConfigs,
  ...simFolderConfigs,
  { files: ['policies/onnx/**'], rules: importRules(['onnx']) },
  { files: ['bridge/**'], rules: importRules(['roslib']) },
  { files: ['viewer/**'], rules: importRules(['three'], [viewerReadsRecordsOnly]) },
  // Tests mutate parsed YAML fixtures freely and may import anything.
  { files: ['tests/**'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
  // Type-aware: a promise nobody awaits loses its error, and one passed where a plain callback is
  // expected runs unawaited.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['sim/**', 'scenarios/**'], ignores: ['sim/cli/**', 'sim/run/**', 'sim/report/**', 'sim/bench/**'], rules: noClock },
);
