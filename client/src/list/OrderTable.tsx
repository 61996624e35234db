import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { OrderRow } from "../api/list-query.js";
import { formatDate, formatNumber, MISSING } from "../format.js";

/**
 * The eight columns of the old app, under the names the staff know. The ids are cut to their
 * column with an ellipsis where the screen is narrow (their full value is the cell's title, is
 * what a selection copies, and has a Copy button in the order's details); on a phone each row
 * is a card, its cells labelled by `data-label`.
 */
const COLUMNS = [
  { title: "Date UUID", class: "col-uuid" },
  { title: "User ID", class: "col-user" },
  { title: "Card Number", class: "col-card" },
  { title: "Store Code", class: "col-store" },
  { title: "Product Code", class: "col-product" },
  { title: "Product Quantity", class: "col-quantity num" },
  { title: "Order Date", class: "col-date" },
  { title: "Shipping Date", class: "col-date" },
] as const;

export const COLUMN_COUNT = COLUMNS.length;

export interface OrderTableProps {
  /** The rows to show; undefined until the first page arrives (placeholder rows keep the layout). */
  rows: readonly OrderRow[] | undefined;
  /** How many placeholder rows stand in for a page that is loading. */
  placeholderRows: number;
  /** A newer page is on its way: the rows shown are the previous ones. */
  busy: boolean;
  /** Shown instead of the rows: the empty list, or what went wrong. */
  message?: ComponentChildren;
  /** The order just added, marked so that the eye finds it. */
  highlightId?: string | undefined;
  labelledBy: string;
  /** A row was chosen (click, Enter or Space): show that order's details. */
  onOpen(id: string): void;
  /** The pointer or focus is on the rows: a good moment to fetch the details panel's code. */
  onIntent?(): void;
}

const text = (value: string | null | undefined): string => value || MISSING;
const date = (iso: string | null | undefined): ComponentChildren => (iso ? <time dateTime={iso}>{formatDate(iso)}</time> : MISSING);

function cells(order: OrderRow): ComponentChildren[] {
  return [
    order.dateUuid,
    order.userId,
    order.cardLast4 ? `•••• ${order.cardLast4}` : MISSING,
    text(order.storeCode),
    text(order.productCode),
    formatNumber(order.productQuantity),
    date(order.orderDate),
    date(order.shippingDate),
  ];
}

/** Arrow keys, Home and End move between rows: the table is one stop for Tab, not one per row. */
const ROW_KEYS: Record<string, (row: Element) => Element | null | undefined> = {
  ArrowDown: (row) => row.nextElementSibling,
  ArrowUp: (row) => row.previousElementSibling,
  Home: (row) => row.parentElement?.firstElementChild,
  End: (row) => row.parentElement?.lastElementChild,
};

export function OrderTable({ rows, placeholderRows, busy, message, highlightId, labelledBy, onOpen, onIntent }: OrderTableProps) {
  const loading = rows === undefined && message === undefined;
  // The row that Tab lands on: the one last focused, so leaving the table and coming back keeps the place.
  const [active, setActive] = useState(0);
  const open = (id: string): void => {
    // A drag that selected text (to copy an id) is not a click on the row.
    if (!String(window.getSelection() ?? "")) onOpen(id);
  };
  return (
    <>
      <p id="orders-hint" class="visually-hidden">
        Choose a row, or press Enter on it, to see everything about that order.
      </p>
      <table
        class={`orders${busy ? " orders--busy" : ""}`}
        aria-labelledby={labelledBy}
        aria-describedby="orders-hint"
        aria-busy={busy || loading ? "true" : "false"}
        onPointerEnter={onIntent}
        onFocusCapture={onIntent}
      >
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.title} scope="col" class={column.class}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {message !== undefined ? (
            <tr class="orders__message">
              <td colSpan={COLUMN_COUNT}>{message}</td>
            </tr>
          ) : rows === undefined ? (
            Array.from({ length: placeholderRows }, (_, index) => (
              <tr key={index} class="orders__placeholder" aria-hidden="true">
                {COLUMNS.map((column) => (
                  <td key={column.title} class={column.class}>
                    <span class="skeleton" />
                  </td>
                ))}
              </tr>
            ))
          ) : (
            rows.map((order, index) => (
              <tr
                key={order.id}
                data-order={order.id}
                class={order.id === highlightId ? "orders__row orders__row--added" : "orders__row"}
                tabIndex={index === Math.min(active, rows.length - 1) ? 0 : -1}
                onClick={() => open(order.id)}
                onFocus={() => setActive(index)}
                onKeyDown={(event) => {
                  const target = ROW_KEYS[event.key]?.(event.currentTarget);
                  if (event.key === "Enter" || event.key === " ") onOpen(order.id);
                  else if (!target) return;
                  event.preventDefault();
                  (target as HTMLElement | null | undefined)?.focus();
                }}
              >
                {cells(order).map((value, column) => (
                  <td key={column} class={COLUMNS[column]!.class} data-label={COLUMNS[column]!.title} title={column < 2 ? String(value) : undefined}>
                    {value}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}
