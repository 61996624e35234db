/**
 * The one search box: a term is a Date UUID (exactly), or the start of a User ID or a Store
 * Code, ignoring case. An OR across three columns sorted by date would be a full sort (a store
 * can hold 300,000 orders), so the term is resolved first, into the distinct values it could
 * mean, each found by an index seek (a "loose index scan": the next distinct folded value after
 * the last one, a few times); a single match then filters the list like any filter.
 */
import { ORDER_COLUMNS, ORDER_TABLE } from "../core/order-table.js";
import type { SqlDialect } from "../database/dialect.js";
import { Params, type SqlStatement } from "../database/sql-statement.js";

export type SearchField = "dateUuid" | "userId" | "storeCode";

export interface SearchMatch {
  field: SearchField;
  /** As stored (the first of its spellings, for users or stores whose ids differ only in case). */
  value: string;
  /** The term is all of it (ignoring case), not just its start. */
  exact: boolean;
}

export interface SearchOutcome {
  term: string;
  /** What the list is filtered by: the only match, or the only exact one. */
  match?: SearchMatch;
  /** The other values the term could mean, for a person to choose from. */
  suggestions: SearchMatch[];
}

/** Distinct values looked up per field; more would not help anyone choose. */
const PER_FIELD = 6;
const SUGGESTIONS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const C = ORDER_COLUMNS;

export class SearchQueries {
  private readonly table: string;

  constructor(private readonly dialect: SqlDialect) {
    this.table = dialect.quote(ORDER_TABLE);
  }

  /** The orders with this Date UUID, in the two spellings a UUID has (a seek on the primary key each). */
  byDateUuid(term: string): SqlStatement {
    const params = new Params(this.dialect);
    const d = this.dialect;
    const column = d.quote(C.dateUuid);
    const spellings = [...new Set([term.toLowerCase(), term.toUpperCase()])].map((spelling) => params.add(d.bindText(C.dateUuid, spelling)));
    const rest = `FROM ${this.table} WHERE ${column} IN (${spellings.join(", ")}) ORDER BY ${column}`;
    return { sql: d.limitedSelect(`${column} AS ${d.quote("value")}`, rest, params.add(PER_FIELD)), params: params.values };
  }

  /** The first distinct value of a column that starts with `prefix` (ignoring case), after the folded value `after`. */
  nextStartingWith(field: "userId" | "storeCode", prefix: string, after: string | undefined): SqlStatement {
    const params = new Params(this.dialect);
    const d = this.dialect;
    const column = C[field];
    const folded = d.foldedColumn(column);
    const bind = (value: unknown) => params.add(value);
    const conditions = [d.startsWith(column, prefix, bind)];
    if (after !== undefined) conditions.push(`${folded} > ${d.foldedValue(params.add(d.bindText(column, after)))}`);
    const rest = `FROM ${this.table} WHERE ${conditions.join(" AND ")} ORDER BY ${folded}`;
    return {
      sql: d.limitedSelect(`${folded} AS ${d.quote("folded")}, ${d.quote(column)} AS ${d.quote("value")}`, rest, params.add(1)),
      params: params.values,
    };
  }
}

/** Runs the lookups a term needs and decides what it means. */
export async function resolveSearch(
  term: string,
  queries: SearchQueries,
  dialect: SqlDialect,
  run: <T>(statement: SqlStatement) => Promise<T[]>,
): Promise<SearchOutcome> {
  const matches: SearchMatch[] = [];
  if (UUID.test(term)) {
    const rows = await run<{ value: string }>(queries.byDateUuid(term));
    for (const value of new Set(rows.map((row) => row.value))) matches.push({ field: "dateUuid", value, exact: true });
  }
  const foldedTerm = dialect.foldText(term);
  // The two fields are walked at once (each walk is a chain of lookups); users listed first.
  const walk = async (field: "userId" | "storeCode"): Promise<SearchMatch[]> => {
    const found: SearchMatch[] = [];
    let after: string | undefined;
    while (found.length < PER_FIELD) {
      const [row] = await run<{ folded: string; value: string }>(queries.nextStartingWith(field, term, after));
      if (!row) break;
      found.push({ field, value: row.value, exact: dialect.foldText(row.value) === foldedTerm });
      after = row.folded;
    }
    return found;
  };
  for (const found of await Promise.all([walk("userId"), walk("storeCode")])) matches.push(...found);
  const exact = matches.filter((match) => match.exact);
  const match = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
  return { term, ...(match ? { match } : {}), suggestions: matches.filter((candidate) => candidate !== match).slice(0, SUGGESTIONS) };
}
