// The subset of better-sqlite3's API this package uses. `@types/better-sqlite3` is not installed in the workspace;
// once it is, delete this file.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Statement<Params extends unknown[] = unknown[], Row = unknown> {
      run(...params: Params): RunResult;
      get(...params: Params): Row | undefined;
      all(...params: Params): Row[];
      iterate(...params: Params): IterableIterator<Row>;
      pluck(toggle?: boolean): this;
      raw(toggle?: boolean): this;
      safeIntegers(toggle?: boolean): this;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }

    interface Database {
      readonly open: boolean;
      readonly inTransaction: boolean;
      readonly name: string;
      prepare<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Statement<Params, Row>;
      exec(sql: string): this;
      pragma(sql: string, options?: { simple?: boolean }): unknown;
      transaction<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result;
      close(): this;
    }
  }

  interface DatabaseConstructor {
    new (filename: string, options?: Database.Options): Database.Database;
  }

  const Database: DatabaseConstructor;
  export default Database;
}
