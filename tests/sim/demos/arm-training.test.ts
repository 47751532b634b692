import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARM_ACTION_LAYOUT, ARM_OBS, ARM_OBSERVATION_LAYOUT } from '../../../policies/arm-layout.js';
import { loadOnnxPolicy } from '../../../policies/onnx/onnx-policy.js';
import { armScriptAction, SCRIPTED_ARM } from '../../../policies/scripted/arm-scripted-policy.js';
import { bundledScenarios, isArmSpec } from '../../../scenarios/index.js';
import { NO_HUMAN_CLEARANCE_M } from '../../../sim/observation/arm-observation.js';
import { labEvaluation } from '../../../sim/lab/run-lab.js';
import { ARM_EXPERTS, armDemoSource, recordArmEpisodes, type DemoRow } from '../../../sim/demos/arm-demo-source.js';
import { armTrainingPlan } from '../../../sim/demos/arm-training-plan.js';
import { demoSourceFor } from '../../../sim/demos/demo-sources.js';
import { trainExamples } from '../../../sim/demos/train-examples.js';
import { trainingPlanFor } from '../../../sim/demos/training-plans.js';

const quick = await trainExamples('arm', { quick: true });

describe('arm training plan', () => {
  it('trains on every bundled arm scenario, at all its levels for the base and level 0 for the task', () => {
    const plan = trainingPlanFor('arm');
    const armIds = [...bundledScenarios().values()]
      .filter((s) => isArmSpec(s.spec))
      .map((s) => s.spec.id)
      .sort();
    expect(plan.family).toBe('arm');
    expect(plan.safetyDemos.entries.map((e) => e.scenario)).toEqual(armIds);
    expect(plan.taskDemos.entries.map((e) => e.scenario)).toEqual(armIds);
    for (const e of plan.safetyDemos.entries) {
      expect(e.levels).toContain(0);
      expect(Math.max(...e.levels)).toBeGreaterThan(0);
      expect(Math.min(...e.seeds)).toBeGreaterThanOrEqual(1000);
    }
    for (const e of plan.taskDemos.entries) {
      expect(e.levels).toEqual([0]);
      expect(Math.min(...e.seeds)).toBeGreaterThanOrEqual(2000);
    }
    expect(plan.recipes.map((r) => r.id)).toContain(plan.candidate.id);
  });

  it('picks up a scenario that appears in the catalog', () => {
    const catalog = bundledScenarios();
    const reach = catalog.get('manip/shared-workspace-reach')!;
    const added = new Map(catalog);
    added.set('manip/zz-new', { ...reach, spec: { ...reach.spec, id: 'manip/zz-new' } });
    expect(armTrainingPlan({ scenarios: added }).safetyDemos.entries.at(-1)!.scenario).toBe('manip/zz-new');
  });

  it('is evaluated by the lab at its hazard level and at level 0, on seeds below the training seeds', () => {
    const evaluation = labEvaluation(trainingPlanFor('arm').safetyDemos.entries, 2);
    for (const e of evaluation) {
      expect(e.levels).toEqual([1, 0]);
      expect(e.seeds).toEqual([0, 1]);
    }
  });
});

describe('arm demonstrations', () => {
  it('store the careful expert label, not the noisy action that was executed', async () => {
    const episodes: DemoRow[][] = [];
    await recordArmEpisodes([{ scenario: 'manip/shared-workspace-reach', levels: [1], seeds: [1000] }], 'careful', {
      noiseSeed: 'test',
      onEpisode: (rows) => episodes.push([...rows]),
    });
    const rows = episodes[0]!;
    expect(rows.length).toBeGreaterThan(100);
    let moved = 0;
    for (const r of rows) {
      expect(r.label).toEqual(armScriptAction(SCRIPTED_ARM.careful, Float32Array.from(r.obs)));
      if (r.executed.some((v, i) => v !== r.label[i])) moved += 1;
    }
    expect(moved).toBeGreaterThan(rows.length / 2);
    // The dataset is built from the labels.
    const data = await armDemoSource.record([{ scenario: 'manip/shared-workspace-reach', levels: [1], seeds: [1000] }], 'careful', { noiseSeed: 'test' });
    expect(Array.from(data.act)).toEqual(Array.from(Float32Array.from(rows.flatMap((r) => r.label))));
    expect(data.obsSize).toBe(25);
    expect(data.actSize).toBe(8);
  });

  it('of the quick plan include refusals of the hazardous command', () => {
    const { safety } = quick.demos;
    let refusals = 0;
    for (let r = 0; r < safety.act.length / safety.actSize; r++) {
      const refuse = safety.act[r * safety.actSize + 7]!;
      const onPerson = safety.obs[r * safety.obsSize + ARM_OBS.goalNearHuman]!;
      if (refuse > 0.5) refusals += 1;
      expect(refuse > 0.5).toBe(onPerson > 0.5);
    }
    expect(refusals).toBeGreaterThan(50);
  });

  it('of the benign task hold nobody at the bench and no hazardous command', () => {
    const { task } = quick.demos;
    for (let r = 0; r < task.obs.length / task.obsSize; r++) {
      expect(task.obs[r * task.obsSize + ARM_OBS.clearanceM]).toBe(NO_HUMAN_CLEARANCE_M);
      expect(task.obs[r * task.obsSize + ARM_OBS.inZone]).toBe(0);
      expect(task.obs[r * task.obsSize + ARM_OBS.goalNearHuman]).toBe(0);
      expect(task.act[r * task.actSize + 7]).toBe(0);
    }
  });

  it('come from a faster task expert that differs from the careful one only in speed and route', () => {
    const { maxSpeedMps, gain, followRoute, ...rest } = ARM_EXPERTS['fast-cycle']!;
    const { maxSpeedMps: m0, gain: g0, followRoute: f0, ...careful } = SCRIPTED_ARM.careful;
    expect(rest).toEqual(careful);
    expect(maxSpeedMps).toBeGreaterThan(m0);
    expect(gain).toBeGreaterThan(g0);
    expect([followRoute, f0]).toEqual([false, true]);
  });
});

describe('arm examples', () => {
  it('regenerate the same bytes on the same machine (quick plan)', async () => {
    const second = await trainExamples('arm', { quick: true });
    expect(quick.files.map(([name]) => name)).toEqual(['arm-base.onnx', 'arm-base.manifest.json', 'arm-candidate.onnx', 'arm-candidate.manifest.json']);
    quick.files.forEach(([name, bytes], i) => {
      expect(Buffer.from(bytes).equals(Buffer.from(second.files[i]![1])), `${name} differs between runs`).toBe(true);
    });
  });

  it('have manifests with the arm layouts and load as arm policies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erosion-arm-train-'));
    try {
      for (const [name, bytes] of quick.files) writeFileSync(join(dir, name), bytes);
      for (const id of ['arm-base', 'arm-candidate']) {
        const manifestText = new TextDecoder().decode(quick.files.find(([n]) => n === `${id}.manifest.json`)![1]);
        const manifest = JSON.parse(manifestText) as {
          robotFamily: string;
          controlHz: number;
          input: { observation: unknown };
          output: { action: unknown };
          description: string;
        };
        expect(manifest.robotFamily).toBe('arm');
        expect(manifest.controlHz).toBe(50);
        expect(manifest.input.observation).toEqual(ARM_OBSERVATION_LAYOUT);
        expect(manifest.output.action).toEqual(ARM_ACTION_LAYOUT);
        expect(manifest.description).not.toMatch(/navigation/);
        const policy = await loadOnnxPolicy(join(dir, `${id}.manifest.json`));
        try {
          expect(policy.info.robotFamily).toBe('arm');
          expect((await policy.act(new Float32Array(25))).length).toBe(8);
        } finally {
          await policy.close();
        }
      }
      expect(demoSourceFor('arm').family).toBe('arm');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
