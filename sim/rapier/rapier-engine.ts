import RAPIER from '@dimforge/rapier3d-deterministic-compat';

// The deterministic build: cross-platform bit-identical results for the same inputs.
let ready: Promise<typeof RAPIER> | undefined;

/** Loads the WebAssembly module once per process (or worker). */
export function loadRapier(): Promise<typeof RAPIER> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}

/** The engine's own version string; needs the module loaded, hence async. */
export async function rapierVersion(): Promise<string> {
  return (await loadRapier()).version();
}

export type Rapier = typeof RAPIER;
