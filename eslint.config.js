// Keeps each heavy dependency in its one home folder, and clocks and Math.random out of the sim.
import tseslint from 'typescript-eslint';

const heavy = {
  rapier: { pattern: '@dimforge/*', home: 'sim/rapier/' },
  onnx: { pattern: 'onnxruntime-node', home: 'policies/onnx/' },
  roslib: { pattern: 'roslib', home: 'bridge/' },
  three: { pattern: 'three', home: 'viewer/' },
  // WASM MuJoCo is only the benchmark's yardstick for the physics world.
  mujoco: { pattern: '@mujoco/*', home: 'sim/bench/' },
};

function restrictHeavyExcept(allowed) {
  const patterns = Object.entries(heavy)
    .filter(([name]) => !allowed.includes(name))
    .map(([, { pattern, home }]) => ({
      group: [pattern, `${pattern}/*`],
      message: `this dependency lives only in ${home}; import the project's own types instead`,
    }));
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const noClock = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'use SeededRandom: runs must be reproducible from the seed' },
    { object: 'Date', property: 'now', message: 'no wall clock in the simulation: use simulated time' },
    { object: 'performance', property: 'now', message: 'no wall clock in the simulation: use simulated time' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'no wall clock in the simulation: use simulated time' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'runs/**', 'dist/**', 'viewer/dist/**', '**/*.onnx'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.ts', '**/*.js', '**/*.mjs'], rules: restrictHeavyExcept([]) },
  { files: ['sim/rapier/**'], rules: restrictHeavyExcept(['rapier']) },
  { files: ['policies/onnx/**'], rules: restrictHeavyExcept(['onnx']) },
  { files: ['bridge/**'], rules: restrictHeavyExcept(['roslib']) },
  { files: ['viewer/**'], rules: restrictHeavyExcept(['three']) },
  { files: ['sim/bench/**'], rules: restrictHeavyExcept(['mujoco']) },
  // Tests mutate parsed YAML fixtures freely and may import anything.
  { files: ['tests/**'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['sim/**', 'scenarios/**'], ignores: ['sim/cli/**', 'sim/run/**', 'sim/report/**', 'sim/bench/**'], rules: noClock },
);
