// The small part of better-sqlite3's API the run store uses (the package ships no types).
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): this;
    }
  }
  interface DatabaseConstructor {
    new (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean }): Database.Database;
  }
  const Database: DatabaseConstructor;
  export default Database;
}
