/**
 * Orders as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled). The card shows as its last four digits only.
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return) is made inert with a leading apostrophe: a User ID typed as `=HYPERLINK(…)` stays text.
 */
import type { OrderView } from "./order-view.js";

export const CSV_HEADER = [
  "Date UUID",
  "User ID",
  "Card (last four)",
  "Store Code",
  "Product Code",
  "Quantity",
  "Order Date",
  "Shipping Date",
  "Added By",
  "Added At",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, inert and quoted as needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** An order's line: the card's last four digits, dates in ISO 8601 UTC. */
export function orderCsvLine(order: OrderView): string {
  const addition = order.addition ?? undefined;
  return csvLine([
    order.dateUuid,
    order.userId,
    order.cardLast4,
    order.storeCode,
    order.productCode,
    order.productQuantity,
    order.orderDate?.toISOString(),
    order.shippingDate?.toISOString(),
    addition?.name,
    addition?.at?.toISOString(),
  ]);
}
