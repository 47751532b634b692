// Demonstrations recorded in the simulator, and the training of each family's examples.

export type { DemoEntry, DemoProgress, DemoSource } from './demo-source.js';
export { demoSourceFor } from './demo-sources.js';
export { NAV_EXPERTS, navDemoSource } from './nav-demo-source.js';
export { trainedPolicyFiles } from './policy-files.js';
export type { PolicyFileInfo } from './policy-files.js';
export { fineTune, fineTuneData, recordFamilyDemos, trainBase } from './train-family.js';
export type { FamilyDemos } from './train-family.js';
export { recipeText, trainExamples } from './train-examples.js';
export type { TrainedExamples } from './train-examples.js';
export { navTrainingPlan, trainingPlanFor } from './training-plan.js';
export type { FineTuneRecipe, TrainingPlan } from './training-plan.js';
