import type { ComponentChildren } from "preact";
import { useQuery } from "@urql/preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { describeProblem } from "../api/problems.js";
import { formatDate, isCalendarDate, MISSING } from "../format.js";
import { CopyButton } from "./CopyButton.js";
import { type OrderDetail, OrderDetailsQuery } from "./order-query.js";

export interface OrderDetailsProps {
  /** The order's opaque id, as in `?order=`. */
  id: string;
  onClose(): void;
}

const NOT_FOUND = "No order has this id. The link may have been cut short or mistyped: open the order from the list instead.";

let moment: Intl.DateTimeFormat | undefined;

/** A moment with its time in the staff's time zone; a calendar date (midnight UTC) as the list shows it. */
function formatDateTime(iso: string | null): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime()) || isCalendarDate(date)) return formatDate(iso);
  moment ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  return moment.format(date);
}

function Fields({ order }: { order: OrderDetail }) {
  const rows: Array<[string, ComponentChildren, string?]> = [
    ["Date UUID", order.dateUuid, order.dateUuid],
    ["User ID", order.userId, order.userId],
    ["Card number", order.cardNumberMasked ?? MISSING],
    ["Store code", order.storeCode ?? MISSING],
    ["Product code", order.productCode ?? MISSING],
    ["Quantity", order.productQuantity ?? MISSING],
    ["Order date", formatDateTime(order.orderDate)],
    ["Shipping date", formatDateTime(order.shippingDate)],
    ["Added by", order.addedBy ?? MISSING],
    ["Added at", formatDateTime(order.addedAt)],
    ["Order id", order.id, order.id],
  ];
  return (
    <dl class="details__fields">
      {rows.map(([label, value, copy]) => (
        <div key={label} class="details__field">
          <dt>{label}</dt>
          <dd>
            <span class={copy ? "mono" : undefined}>{value}</span>
            {copy && <CopyButton value={copy} label={label} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One order, every field, in a modal panel over the list: its address (`?order=<id>`) can be
 * shared. Escape or Close shuts it, and focus goes back where it was (the row, or View order).
 */
export function OrderDetails({ id, onClose }: OrderDetailsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const leaving = useRef(false);
  const [result] = useQuery({ query: OrderDetailsQuery, variables: { id } });

  useLayoutEffect(() => {
    const opener = document.activeElement;
    leaving.current = false;
    dialog.current!.showModal();
    return () => {
      // Closed first: while the panel is modal, nothing behind it can take focus.
      leaving.current = true;
      dialog.current?.close();
      const row = document.querySelector<HTMLElement>(`tr[data-order="${CSS.escape(id)}"]`);
      const back = opener instanceof HTMLElement && opener !== document.body && opener.isConnected ? opener : row;
      back?.focus();
    };
  }, [id]);

  const order = result.data?.order;
  const problem = result.error && describeProblem(result.error);
  let body: ComponentChildren;
  if (order) body = <Fields order={order} />;
  else if (problem) body = <p class="notice notice--error">{problem.fieldErrors.length > 0 ? NOT_FOUND : problem.message}</p>;
  else if (result.data) body = <p class="notice">{NOT_FOUND}</p>;
  else body = <p class="details__loading">Loading the order…</p>;

  return (
    <dialog
      ref={dialog}
      class="details"
      aria-labelledby="details-heading"
      aria-busy={result.fetching ? "true" : "false"}
      // Escape closes the dialog itself; the URL still says it is open, so the app is told.
      onClose={() => leaving.current || onClose()}
    >
      <div class="panel__header">
        <h2 id="details-heading">Order details</h2>
        <button type="button" class="button button--quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {body}
    </dialog>
  );
}
