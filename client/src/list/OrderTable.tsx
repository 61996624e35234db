import type { ComponentChildren } from "preact";
import type { OrderRow } from "../api/documents.js";
import { formatDate, formatNumber, MISSING } from "../format.js";

/** The eight columns of the old app, under the names the staff know. */
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
}

function cell(value: string | null | undefined): string {
  return value === null || value === undefined || value === "" ? MISSING : value;
}

export function OrderTable({ rows, placeholderRows, busy, message, highlightId, labelledBy }: OrderTableProps) {
  const loading = rows === undefined && message === undefined;
  return (
    // Wide tables scroll sideways on small screens; the region can take focus so the keyboard can scroll it.
    <div class="table-scroll" role="region" aria-label="Orders table" tabIndex={0}>
      <table class={`orders${busy ? " orders--busy" : ""}`} aria-labelledby={labelledBy} aria-busy={busy || loading ? "true" : "false"}>
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
            rows.map((order) => (
              <tr key={order.id} class={order.id === highlightId ? "orders__row orders__row--added" : "orders__row"}>
                <td class="col-uuid mono">{order.dateUuid}</td>
                <td class="col-user mono">{order.userId}</td>
                <td class="col-card mono">{cell(order.cardNumberMasked)}</td>
                <td class="col-store">{cell(order.storeCode)}</td>
                <td class="col-product">{cell(order.productCode)}</td>
                <td class="col-quantity num">{formatNumber(order.productQuantity)}</td>
                <td class="col-date">{order.orderDate ? <time dateTime={order.orderDate}>{formatDate(order.orderDate)}</time> : MISSING}</td>
                <td class="col-date">
                  {order.shippingDate ? <time dateTime={order.shippingDate}>{formatDate(order.shippingDate)}</time> : MISSING}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
