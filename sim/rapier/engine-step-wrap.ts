/**
 * Called with the engine's own step to run it once: the benchmark times Rapier's step apart from
 * everything around it without putting a clock inside the simulation. Unset, the step just runs.
 */
export type EngineStepWrap = (stepEngine: () => void) => void;
