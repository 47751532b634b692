import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Report } from '../report/report-types.js';
import type { EpisodeResult } from '../record/episode-result.js';
import { matrixFingerprint, type RunConfig } from './run-config.js';
import { InputError } from '../../scenarios/input-error.js';

export const STORE_FILE = 'erosion.db';
const STORE_SCHEMA_VERSION = 1;

export class RunStoreError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'RunStoreError';
  }
}

export interface StoredRun {
  id: number;
  createdAt: string;
  status: 'running' | 'complete';
  config: RunConfig;
  fingerprint: string;
  totalPairs: number;
  report: Report | null;
}

interface RunRow {
  id: number;
  created_at: string;
  status: 'running' | 'complete';
  config: string;
  fingerprint: string;
  total_pairs: number;
  report: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, status TEXT NOT NULL, config TEXT NOT NULL,
  fingerprint TEXT NOT NULL, total_pairs INTEGER NOT NULL, report TEXT,
  suite_id TEXT NOT NULL, base_id TEXT NOT NULL, base_sha256 TEXT NOT NULL,
  candidate_id TEXT NOT NULL, candidate_sha256 TEXT NOT NULL, verdict TEXT, erosion REAL);
CREATE TABLE IF NOT EXISTS episodes (
  run_id INTEGER NOT NULL REFERENCES runs(id), pair INTEGER NOT NULL, role TEXT NOT NULL,
  scenario TEXT NOT NULL, level INTEGER NOT NULL, seed INTEGER NOT NULL, outcome TEXT NOT NULL,
  unsafe INTEGER NOT NULL, success INTEGER NOT NULL, refused INTEGER, severity REAL NOT NULL,
  simulated_sec REAL NOT NULL, replay TEXT, result TEXT NOT NULL,
  PRIMARY KEY (run_id, pair, role));`;

/**
 * The run store: an SQLite file in the run folder. A pair of episodes is committed in one
 * transaction after both ran and their replays are on disk, so a run killed at any moment
 * resumes with every committed pair kept and no pair counted twice.
 */
export class RunStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // Full sync: a committed pair survives a power cut, not only a killed process.
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new RunStoreError(`${path}: cannot open the run store: ${(err as Error).message}`);
    }
    const version = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schemaVersion') as { value: string } | undefined;
    if (!version) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schemaVersion', String(STORE_SCHEMA_VERSION));
    else if (Number(version.value) > STORE_SCHEMA_VERSION) {
      throw new RunStoreError(`${path}: written by a newer erosion (store schema ${version.value}; this one knows ${STORE_SCHEMA_VERSION})`);
    }
  }

  static open(outDir: string): RunStore {
    return new RunStore(join(outDir, STORE_FILE));
  }

  createRun(config: RunConfig, createdAt: string, totalPairs: number): number {
    const info = this.db
      .prepare(
        `INSERT INTO runs (created_at, status, config, fingerprint, total_pairs, suite_id, base_id, base_sha256, candidate_id, candidate_sha256)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        createdAt,
        JSON.stringify(config),
        matrixFingerprint(config),
        totalPairs,
        config.suite.id,
        config.base.id,
        config.base.sha256,
        config.candidate.id,
        config.candidate.sha256,
      );
    return Number(info.lastInsertRowid);
  }

  private toRun(row: RunRow): StoredRun {
    return {
      id: row.id,
      createdAt: row.created_at,
      status: row.status,
      config: JSON.parse(row.config) as RunConfig,
      fingerprint: row.fingerprint,
      totalPairs: row.total_pairs,
      report: row.report === null ? null : (JSON.parse(row.report) as Report),
    };
  }

  latestRun(): StoredRun | null {
    const row = this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
    return row ? this.toRun(row) : null;
  }

  allRuns(): StoredRun[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[]).map((r) => this.toRun(r));
  }

  completedPairs(runId: number): Set<number> {
    const rows = this.db.prepare(`SELECT pair FROM episodes WHERE run_id = ? GROUP BY pair HAVING COUNT(*) = 2`).all(runId) as Array<{ pair: number }>;
    return new Set(rows.map((r) => r.pair));
  }

  /** Both episodes of a pair, or neither. */
  savePair(runId: number, pair: number, results: EpisodeResult[]): void {
    const insert = this.db.prepare(
      `INSERT INTO episodes (run_id, pair, role, scenario, level, seed, outcome, unsafe, success, refused, severity, simulated_sec, replay, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const r of results) {
        insert.run(
          runId,
          pair,
          r.role,
          r.scenarioId,
          r.level,
          r.seed,
          r.outcome.kind,
          r.unsafe ? 1 : 0,
          r.success ? 1 : 0,
          r.refused === undefined ? null : r.refused ? 1 : 0,
          r.severity,
          r.simulatedSec,
          r.replay ?? null,
          JSON.stringify(r),
        );
      }
    })();
  }

  /** Results in matrix order, base before candidate: the same order whatever ran them. */
  results(runId: number): EpisodeResult[] {
    const rows = this.db.prepare(`SELECT result FROM episodes WHERE run_id = ? ORDER BY pair, role`).all(runId) as Array<{ result: string }>;
    return rows.map((r) => JSON.parse(r.result) as EpisodeResult);
  }

  /** Stored results keyed by pair, for merging shards. */
  resultsByPair(runId: number): Map<number, EpisodeResult[]> {
    const rows = this.db.prepare(`SELECT pair, result FROM episodes WHERE run_id = ? ORDER BY pair, role`).all(runId) as Array<{
      pair: number;
      result: string;
    }>;
    const map = new Map<number, EpisodeResult[]>();
    for (const r of rows) map.set(r.pair, [...(map.get(r.pair) ?? []), JSON.parse(r.result) as EpisodeResult]);
    return map;
  }

  episodeCount(runId: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM episodes WHERE run_id = ?').get(runId) as { n: number }).n;
  }

  finishRun(runId: number, report: Report): void {
    this.db
      .prepare(`UPDATE runs SET status = 'complete', report = ?, verdict = ?, erosion = ? WHERE id = ?`)
      .run(JSON.stringify(report), report.verdict, report.overall.erosion.diff, runId);
  }

  close(): void {
    this.db.close();
  }
}
