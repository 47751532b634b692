import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ReplayError, readEpisodeFile, readEpisodeFilePartial, writeEpisodeFile } from '../../../sim/record/index.js';
import { makeRecord } from './make-record.js';

describe('episode replay files', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'erosion-record-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes into folders that do not exist yet and reads back the same record', async () => {
    const record = makeRecord(150);
    const path = join(dir, 'runs', 'nav', 'seed-7.mcap');
    await writeEpisodeFile(record, path);
    expect(await readEpisodeFile(path)).toEqual(record);
    // Only the replay is left in the folder: no temporary file.
    expect(await readdir(join(dir, 'runs', 'nav'))).toEqual(['seed-7.mcap']);
  });

  it('a write that fails leaves the previous replay intact and no temporary file', async () => {
    const path = join(dir, 'episode.mcap');
    await writeEpisodeFile(makeRecord(20), path);
    const before = await readFile(path);

    const broken = makeRecord(20);
    broken.steps[5]!.frame.timeSec = Number.NaN; // cannot become an MCAP log time
    await expect(writeEpisodeFile(broken, path)).rejects.toThrow(`${path}: cannot encode episode replay`);

    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['episode.mcap']);
  });

  it('a missing file is a ReplayError naming the path', async () => {
    const path = join(dir, 'missing.mcap');
    const error = await readEpisodeFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).message).toBe(`${path}: cannot read episode replay (no such file)`);
  });

  it('a replay cut short is a ReplayError naming the path, and its start can still be read', async () => {
    const path = join(dir, 'killed.mcap');
    await writeEpisodeFile(makeRecord(300), path);
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
    await truncate(path, Math.floor(size * 0.6));

    await expect(readEpisodeFile(path)).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: truncated`));
    const partial = await readEpisodeFilePartial(path);
    expect(partial.complete).toBe(false);
    expect(partial.record.header?.scenarioId).toBe('nav/crossing-pedestrian');
    expect(partial.record.steps.length).toBeGreaterThan(0);
  });

  it('a file that is not MCAP is reported as such with its path', async () => {
    const path = join(dir, 'notes.mcap');
    await writeFile(path, 'just some text');
    await expect(readEpisodeFile(path)).rejects.toThrow(`${path}: not an MCAP file`);
  });
});
