/**
 * Cursors are opaque strings that carry a row's position in one particular list: its sort
 * key, plus the sort and filter the list was made with. A checksum catches a cursor that was
 * cut short or edited, and a cursor used with another sort or filter is refused rather than
 * silently starting somewhere else. Cursors are not secret: they only hold key values.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { filterKey } from "../core/order-filter.js";
import { isStorableText } from "../core/order-rules.js";
import type { OrderFilterValues, OrderSortOrder, SortKey } from "../core/order.js";

const VERSION = 1;

interface CursorBody {
  v: number;
  /** The list: a digest of sort and filter. */
  l: string;
  d: string | null;
  u: string;
  i: string;
}

/** A short digest naming one list (a sort and a filter), so cursors cannot cross lists. */
export function listFingerprint(sort: OrderSortOrder, filter: OrderFilterValues): string {
  return digest(`${sort} ${filterKey(filter)}`).slice(0, 12);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** A check on a cursor's payload: it catches a cursor cut short or edited (it is not a secret). */
function checksum(payload: string): string {
  return crc32(payload).toString(36);
}

export function encodeCursor(key: SortKey, list: string): string {
  const body: CursorBody = { v: VERSION, l: list, d: key.orderDate, u: key.dateUuid, i: key.userId };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${checksum(payload)}`;
}

export type CursorReading = { ok: true; key: SortKey } | { ok: false; problem: string };

/** What is wrong with a cursor that this API did not make (or that was cut short or edited). */
export const NOT_A_CURSOR =
  "is not a cursor this API made (it may have been cut short or edited): use a cursor from a previous page, or leave it out to start from the first page";

/** Reads a cursor made by encodeCursor for this very list. */
export function decodeCursor(cursor: string, list: string): CursorReading {
  const malformed: CursorReading = { ok: false, problem: NOT_A_CURSOR };
  if (cursor.length > 1_000) return malformed;
  const [payload, check, extra] = cursor.split(".");
  if (!payload || !check || extra !== undefined || checksum(payload) !== check) return malformed;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return malformed;
  }
  if (!isCursorBody(body)) return malformed;
  if (body.l !== list) {
    return {
      ok: false,
      problem: "belongs to a list with another sort or filter: start again from the first page of this one",
    };
  }
  return { ok: true, key: { orderDate: body.d, dateUuid: body.u, userId: body.i } };
}

/** Text a database can compare: a forged cursor with a NUL byte or a lone surrogate would be the database's error, not the caller's. */
const fitText = (value: unknown): value is string => typeof value === "string" && isStorableText(value);

function isCursorBody(value: unknown): value is CursorBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return body.v === VERSION && typeof body.l === "string" && (body.d === null || fitText(body.d)) && fitText(body.u) && fitText(body.i);
}
