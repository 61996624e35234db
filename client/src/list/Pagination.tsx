import { useLayoutEffect, useRef } from "preact/hooks";
import { formatNumber, formatRange } from "../format.js";
import { PAGE_SIZES, type PageMove, type PageSize } from "./list-state.js";

export interface PaginationProps {
  /** 1-based position of the page's first row; undefined when it cannot be known. */
  firstRow: number | undefined;
  /** Rows on this page; undefined before the first page has arrived. */
  rows: number | undefined;
  /** Orders matching the filter; undefined while it is being counted. */
  total: number | undefined;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  /** The page could not be loaded (the table says why). */
  failed?: boolean;
  size: PageSize;
  onMove(move: PageMove): void;
  onSizeChange(size: PageSize): void;
}

const MOVES: ReadonlyArray<{ move: PageMove; label: string; arrow: string; after?: boolean }> = [
  { move: "first", label: "First", arrow: "«" },
  { move: "previous", label: "Previous", arrow: "‹" },
  { move: "next", label: "Next", arrow: "›", after: true },
  { move: "last", label: "Last", arrow: "»", after: true },
];

/** "Showing 26–50 of 1,000,000", honest about what is not known (yet). */
export function describePosition(firstRow: number | undefined, rows: number | undefined, total: number | undefined): string {
  const of = total === undefined ? "" : ` of ${formatNumber(total)}`;
  if (rows === undefined) return "Loading orders…";
  if (rows === 0) return "No orders to show";
  if (firstRow === undefined) return `Showing ${formatNumber(rows)} ${rows === 1 ? "order" : "orders"}${of} (position in the list not known)`;
  return `Showing ${formatRange(firstRow, firstRow + rows - 1)}${of}`;
}

export function Pagination(props: PaginationProps) {
  const { hasPreviousPage, hasNextPage } = props;
  const status = useRef<HTMLParagraphElement>(null);
  const pressed = useRef<HTMLButtonElement | null>(null);
  const enabled: Record<PageMove, boolean> = { first: hasPreviousPage, previous: hasPreviousPage, next: hasNextPage, last: hasNextPage };

  // A button that was just used and is now disabled (Next on the last page) would drop focus to
  // the page's start: keep it here, on the line that says where the list now is.
  useLayoutEffect(() => {
    const button = pressed.current;
    if (button?.disabled && (document.activeElement === button || document.activeElement === document.body)) {
      status.current?.focus();
    }
  }, [hasPreviousPage, hasNextPage]);

  return (
    <nav class="pagination" aria-label="Pages">
      <p class="pagination__status" ref={status} tabIndex={-1} aria-live="polite">
        {props.failed ? "Orders not loaded" : describePosition(props.firstRow, props.rows, props.total)}
      </p>
      <div class="pagination__buttons">
        {MOVES.map(({ move, label, arrow, after }) => (
          <button
            key={move}
            type="button"
            class="button"
            disabled={!enabled[move]}
            onClick={(event) => {
              pressed.current = event.currentTarget;
              props.onMove(move);
            }}
          >
            {!after && <span aria-hidden="true">{arrow} </span>}
            {label}
            {after && <span aria-hidden="true"> {arrow}</span>}
          </button>
        ))}
      </div>
      <label class="pagination__size">
        Rows per page{" "}
        <select
          class="select"
          value={String(props.size)}
          onChange={(event) => props.onSizeChange(Number(event.currentTarget.value) as PageSize)}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={String(size)}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
