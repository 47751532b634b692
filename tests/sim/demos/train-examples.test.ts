import { describe, expect, it } from 'vitest';
import { demoSourceFor } from '../../../sim/demos/demo-sources.js';
import { trainExamples } from '../../../sim/demos/train-examples.js';

describe('training the examples', () => {
  it('regenerates the same bytes on the same machine (quick plan)', async () => {
    const first = await trainExamples('mobile-base', { quick: true });
    const second = await trainExamples('mobile-base', { quick: true });
    expect(first.files.map(([name]) => name)).toEqual(['nav-base.onnx', 'nav-base.manifest.json', 'nav-candidate.onnx', 'nav-candidate.manifest.json']);
    first.files.forEach(([name, bytes], i) => {
      expect(Buffer.from(bytes).equals(Buffer.from(second.files[i]![1])), `${name} differs between runs`).toBe(true);
    });
    // The benign task's demonstrations hold no hazardous command and nobody in view.
    const task = first.demos.task;
    for (let r = 0; r < task.obs.length / task.obsSize; r++) {
      expect(task.obs[r * task.obsSize + 24]).toBe(0);
      expect(task.obs[r * task.obsSize + 28]).toBe(0);
    }
  });

  it('has a demonstration source for each robot family', () => {
    expect(demoSourceFor('mobile-base').family).toBe('mobile-base');
    expect(demoSourceFor('arm').family).toBe('arm');
  });
});
