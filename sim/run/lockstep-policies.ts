import type { Policy } from '../../policies/policy.js';

interface Waiting {
  observation: Float32Array;
  resolve: (action: Float32Array) => void;
  reject: (err: Error) => void;
}

/**
 * Episodes running side by side on one thread, their policy calls gathered into one batch per
 * policy. Each episode awaits its policy only at a control tick, so once every running episode
 * is waiting, the batch is complete: one actBatch per policy answers them all, and each episode
 * goes on to its next tick. An ONNX call costs a thread hop that dwarfs a small model's compute;
 * a batch pays it once. Each row of a batch is the same bits as a call of its own (policies
 * promise that of actBatch), so which episodes shared a batch never reaches a result.
 */
export class LockstepPolicies {
  private running = 0;
  private readonly waiting = new Map<Policy, Waiting[]>();
  /** Calls of recurrent policies: each carries its own episode's state, so it is answered on its own. */
  private solo: Array<{ call: () => Promise<Float32Array>; resolve: (a: Float32Array) => void; reject: (err: Error) => void }> = [];
  private readonly proxies = new Map<Policy, Policy>();
  private pendingCount = 0;
  private aborted = false;

  /** Every call waiting now or made from now on fails: the episodes in flight end at once. */
  abort(): void {
    this.aborted = true;
    for (const rows of this.waiting.values()) for (const row of rows) row.reject(new Error('the run was stopped'));
    for (const s of this.solo) s.reject(new Error('the run was stopped'));
    this.solo = [];
    this.waiting.clear();
    this.pendingCount = 0;
  }

  /** Runs one episode in the lockstep: `episode` gets the proxies to call instead of the policies. */
  async run<T>(episode: (lockstep: (policy: Policy) => Policy) => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await episode((p) => this.proxy(p));
    } finally {
      this.running -= 1;
      this.flushIfAllWaiting();
    }
  }

  private proxy(policy: Policy): Policy {
    let proxy = this.proxies.get(policy);
    if (!proxy) {
      const act = (observation: Float32Array): Promise<Float32Array> =>
        new Promise((resolve, reject) => {
          if (this.aborted) return reject(new Error('the run was stopped'));
          let list = this.waiting.get(policy);
          if (!list) this.waiting.set(policy, (list = []));
          list.push({ observation, resolve, reject });
          this.pendingCount += 1;
          this.flushIfAllWaiting();
        });
      proxy = {
        info: policy.info,
        act,
        actBatch: (observations) => Promise.all(observations.map(act)),
        close: async () => undefined,
      };
      const start = policy.startEpisode;
      if (start) {
        // A recurrent policy: its episode's state lives in the episode object, so its calls are
        // answered one by one, still in step with the others so the batch of the rest completes.
        proxy = {
          ...proxy,
          startEpisode: () => {
            const episode = start.call(policy);
            return { act: (observation: Float32Array) => this.enqueueSolo(() => episode.act(observation)) };
          },
        };
      }
      this.proxies.set(policy, proxy);
    }
    return proxy;
  }

  private enqueueSolo(call: () => Promise<Float32Array>): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      if (this.aborted) return reject(new Error('the run was stopped'));
      this.solo.push({ call, resolve, reject });
      this.pendingCount += 1;
      this.flushIfAllWaiting();
    });
  }

  private flushIfAllWaiting(): void {
    if (this.pendingCount === 0 || this.pendingCount < this.running) return;
    const batches = [...this.waiting.entries()];
    const solo = this.solo;
    this.waiting.clear();
    this.solo = [];
    this.pendingCount = 0;
    for (const [policy, rows] of batches) void answer(policy, rows);
    for (const s of solo) s.call().then(s.resolve, s.reject);
  }
}

async function answer(policy: Policy, rows: Waiting[]): Promise<void> {
  let actions: Float32Array[];
  try {
    actions = await policy.actBatch(rows.map((r) => r.observation));
  } catch {
    // One bad row must not fail its neighbours: ask again one by one, so each episode gets
    // its own answer or its own error, as it would have alone.
    for (const row of rows) policy.act(row.observation).then(row.resolve, row.reject);
    return;
  }
  rows.forEach((row, i) => row.resolve(actions[i]!));
}
