import type { SqlDialect } from "./dialect.js";

/** One SQL statement and its parameters, in the engine's own placeholder syntax. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** A statement's parameters as they are bound: each added value gives its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length - 1);
  }
}
