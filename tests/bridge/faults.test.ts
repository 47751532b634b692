import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEpisodeFile, writeEpisodeFile } from '../../sim/record/index.js';
import type { EpisodeRecord } from '../../sim/index.js';
import { sleep, startRig, steerable, type Rig } from './helpers/hil-rig.js';
import { isZero, secondsToFirstZero } from './helpers/received.js';

// Fault injection between the HIL runner and `erosion serve`: the robot must be stopped
// (zero velocity, repeatedly) within 0.5 s, and the replay must be complete afterwards.

const STOP_DEADLINE_SEC = 0.5;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/**
 * Runs a live episode and applies `fault` after `atSec`; returns the serve-clock time of the
 * fault. With `until` the episode ends as soon as it holds (durationSec is then only a bound),
 * so nothing depends on how many messages fit into some wall-clock time on a loaded machine.
 */
async function liveWithFault(
  durationSec: number,
  atSec: number,
  fault: (r: Rig) => void,
  policy = steerable(),
  until?: (r: Rig, faultSec: number) => boolean,
): Promise<{ record: EpisodeRecord; faultSec: number }> {
  rig = await startRig({ mode: 'live' });
  const r = rig;
  let faultSec = Number.NaN;
  // By default: once the robot got a stop after the fault and a second has passed (a 0.6 s delay shows by then).
  const done = until ?? ((rr: Rig, at: number) => Number.isFinite(secondsToFirstZero(rr.serve.received, at)) && rr.serveNow() > at + 1);
  const episode = r.run({ mode: 'live', durationSec, policy, until: () => Number.isFinite(faultSec) && done(r, faultSec) });
  // Wait for commands to flow before breaking anything.
  while (r.serve.received.filter((c) => !isZero(c)).length < 5) await sleep(20);
  await sleep(atSec * 1000);
  faultSec = r.serveNow();
  fault(r);
  return { record: await episode, faultSec };
}

async function readsBackComplete(record: EpisodeRecord): Promise<EpisodeRecord> {
  const dir = await mkdtemp(join(tmpdir(), 'hil-fault-'));
  try {
    await writeEpisodeFile(record, join(dir, 'episode.mcap'));
    const back = await readEpisodeFile(join(dir, 'episode.mcap'));
    expect(back.steps.length).toBe(record.steps.length);
    expect(back.events.length).toBe(record.events.length);
    expect(back.footer.summary.steps).toBe(record.steps.length);
    return back;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const bridgeMessages = (record: EpisodeRecord): string => record.events.map((e) => e.message ?? '').join('\n');

describe('fault injection between hil and erosion serve', () => {
  it('telemetry stops (link stalls): the robot receives zero velocity within 0.5 s, repeatedly, and nothing else', async () => {
    // Ends once five stops came after the deadline: the stop is repeated, not sent once.
    const afterDeadline = (r: Rig, faultSec: number): number => r.serve.received.filter((c) => c.timeSec > faultSec + STOP_DEADLINE_SEC).length;
    const { record, faultSec } = await liveWithFault(
      30,
      0.3,
      (r) => {
        r.proxy.stalled = true;
      },
      steerable(),
      (r, at) => afterDeadline(r, at) >= 5 && r.serve.node.latestFrame.robot.linearMps < 0.05,
    );
    expect(record.footer.outcome.kind).toBe('interrupted');
    const received = rig!.serve.received;
    expect(secondsToFirstZero(received, faultSec)).toBeLessThan(STOP_DEADLINE_SEC);
    const after = received.filter((c) => c.timeSec > faultSec + STOP_DEADLINE_SEC);
    expect(after.every(isZero)).toBe(true);
    // Each topic by name, with its deadline (the served base publishes at 20 Hz: 0.2 s).
    expect(bridgeMessages(record)).toMatch(/telemetry older than its deadline: .*\/odom \d\.\d+ s old \(deadline 0\.20 s\).*; robot stopped/);
    await readsBackComplete(record);
  });

  it('dropped link: no command made while disconnected ever reaches the robot after reconnect', async () => {
    const policy = steerable();
    // Connected: a gentle left turn. Disconnected: a distinctive right turn that must never arrive.
    let down = false;
    let backSec = Number.POSITIVE_INFINITY;
    policy.override = () => [0.3, down ? -0.05 : 0.05];
    const { record } = await liveWithFault(
      30,
      0.3,
      (r) => {
        down = true;
        r.proxy.refusing = true;
        r.proxy.drop();
        setTimeout(() => {
          r.proxy.refusing = false;
          down = false;
          backSec = r.serveNow();
        }, 800);
      },
      policy,
      // Ends once the robot is driven again after the link came back.
      (r) => r.serve.received.some((c) => c.timeSec > backSec && c.angularRadps > 0),
    );
    const received = rig!.serve.received;
    expect(received.some((c) => c.angularRadps < 0)).toBe(false);
    expect(rig!.world.envelope.counts.discardedWhileDown).toBeGreaterThan(0);
    expect(record.footer.outcome.kind).toBe('interrupted');
    expect(bridgeMessages(record)).toMatch(/link lost/);
    expect(bridgeMessages(record)).toMatch(/discarded, none sent/);
    await readsBackComplete(record);
  });

  it('delayed telemetry: messages older than the deadline are refused and the robot is stopped within 0.5 s', async () => {
    const { record, faultSec } = await liveWithFault(30, 0.3, (r) => {
      r.proxy.delaySec = 0.6;
    });
    expect(secondsToFirstZero(rig!.serve.received, faultSec)).toBeLessThan(STOP_DEADLINE_SEC);
    expect(bridgeMessages(record)).toMatch(/stale: 0\.\d+ s old on arrival/);
    await readsBackComplete(record);
  });

  it('stale (replayed) odometry is refused: the robot stops within 0.5 s', async () => {
    const { record, faultSec } = await liveWithFault(30, 0.3, (r) => {
      const old = r.proxy.seen.filter((s) => s.text.includes('"topic":"/odom"'));
      let i = 0;
      // Every odometry message is swapped for one recorded earlier.
      r.proxy.rewrite = (text) => (text.includes('"topic":"/odom"') ? old[i++ % old.length]!.text : text);
    });
    expect(secondsToFirstZero(rig!.serve.received, faultSec)).toBeLessThan(STOP_DEADLINE_SEC);
    expect(bridgeMessages(record)).toMatch(/not newer than the last accepted/);
    await readsBackComplete(record);
  });

  it('malformed messages are refused with a reason, the robot stops within 0.5 s, the replay is complete', async () => {
    const { record, faultSec } = await liveWithFault(30, 0.3, (r) => {
      r.proxy.rewrite = (text) => {
        if (!text.includes('"topic":"/odom"')) return text;
        // A position that is not a number, and frames that are not JSON at all.
        r.proxy.inject('{"op":"publish","topic":"/odom",');
        return text.replace('"position":{"x":', '"position":{"x":"oops","was":');
      };
    });
    expect(secondsToFirstZero(rig!.serve.received, faultSec)).toBeLessThan(STOP_DEADLINE_SEC);
    expect(bridgeMessages(record)).toMatch(/pose\.pose\.position\.x: expected a number/);
    expect(rig!.world.problemCounts.malformed).toBeGreaterThan(0);
    const back = await readsBackComplete(record);
    expect(back.footer.outcome.kind).toBe('interrupted');
    // Counted by reason, for the diagnosis: a string where a number belongs is a shape problem.
    expect(rig!.world.health.get('odom')!.stats.drops.get('shape')?.example).toMatch(/pose\.pose\.position\.x: expected a number, got string/);
  });

  it('NaN telemetry (as null, or a bare NaN token) is refused: the robot stops within 0.5 s', async () => {
    let n = 0;
    const { record, faultSec } = await liveWithFault(30, 0.3, (r) => {
      r.proxy.rewrite = (text) =>
        text.includes('"topic":"/odom"') ? text.replace(/"linear":\{"x":[^,]+/, n++ % 2 === 0 ? '"linear":{"x":null' : '"linear":{"x":NaN') : text;
    });
    expect(secondsToFirstZero(rig!.serve.received, faultSec)).toBeLessThan(STOP_DEADLINE_SEC);
    expect(bridgeMessages(record)).toMatch(/twist\.twist\.linear\.x: expected a number, got null/);
    await readsBackComplete(record);
  });
});
