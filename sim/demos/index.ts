// Demonstrations recorded in the simulator, the recipe plans, and the training of each family's
// examples (the learner itself is policies/train).

export { ARM_CONTROL_HZ, ARM_DEMO_NOISE, ARM_EXPERTS, ARM_SAFETY_EXPERT, armDemoSource, armRecordingExpert, recordArmEpisodes } from './arm-demo-source.js';
export type { DemoRow } from './arm-demo-source.js';
export { armScenarioLevels, armTrainingPlan } from './arm-training-plan.js';
export type { DemoEntry, DemoProgress, DemoSource } from './demo-source.js';
export { demoSourceFor } from './demo-sources.js';
export { NAV_EXPERTS, navDemoSource } from './nav-demo-source.js';
export { trainedPolicyFiles } from './policy-files.js';
export type { PolicyFileInfo } from './policy-files.js';
export { fineTune, fineTuneData, recordFamilyDemos, trainBase } from './train-family.js';
export type { FamilyDemos } from './train-family.js';
export { recipeText, trainExamples } from './train-examples.js';
export type { TrainedExamples } from './train-examples.js';
export { navTrainingPlan } from './nav-training-plan.js';
export { trainingPlanFor } from './training-plans.js';
export { CANDIDATE_RECIPE_ID, fineTuneRecipes } from './training-plan.js';
export type { FineTuneRecipe, TrainingPlan } from './training-plan.js';
