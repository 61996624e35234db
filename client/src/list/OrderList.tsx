import { createRequest } from "@urql/core";
import { useQuery } from "@urql/preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { ORDERS_CSV_PATH } from "../../../server/core/contracts.js";
import { firstPageKey, releaseFirstPage } from "../api/first-page.js";
import { LIST_CONTEXT, type OrderRow, type OrderSearch, OrdersPageQuery } from "../api/list-query.js";
import { describeProblem, type FieldProblem, type Problem } from "../api/problems.js";
import { FilterBar } from "./FilterBar.js";
import { exportQuery, firstRowOf, hasFilter, type ListState, movePage, ordersVariables, type PageFacts, withList } from "./list-state.js";
import { OrderTable } from "./OrderTable.js";
import { Pagination } from "./Pagination.js";

export interface OrderListProps {
  state: ListState;
  navigate(next: ListState, replace?: boolean): void;
  highlightId?: string | undefined;
  /** Show this order's details. */
  onOpen(id: string): void;
  /** The pointer or focus is on the rows: fetch the details panel's code now, before the click. */
  onRowIntent?(): void;
}

interface ShownPage {
  state: ListState;
  rows: readonly OrderRow[];
  facts: PageFacts;
  total: number;
  search: OrderSearch | null | undefined;
}

const NO_PROBLEMS: FieldProblem[] = [];
/** After a failed load the list tries again by itself: 2 s, 4 s, 8 s… up to a minute apart. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

function ProblemNotice({ problem, onRetry }: { problem: Problem; onRetry(): void }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>
        <strong>The orders could not be loaded.</strong> {problem.message}
        {problem.transient && " The list tries again by itself."}
      </p>
      {problem.requestId && (
        <p class="notice__detail">
          Request id: <code>{problem.requestId}</code> (quote it if you report this)
        </p>
      )}
      <p class="notice__actions">
        <button type="button" class="button button--primary" onClick={onRetry}>
          Retry
        </button>
      </p>
    </div>
  );
}

/** Find orders, the table and its pages: everything driven by the list state in the URL. */
export function OrderList({ state, navigate, highlightId, onOpen, onRowIntent }: OrderListProps) {
  const variables = useMemo(() => ordersVariables(state), [state]);
  const pageKey = useMemo(() => createRequest(OrdersPageQuery, variables).key, [variables]);

  // The page fetched as the script started is read with cache-first (it is fresh, or in
  // flight): cache-and-network would fetch it a second time. Every other page, and this one
  // once the list has moved on, is shown from the cache and brought up to date.
  const earlyKey = useRef(firstPageKey());
  if (earlyKey.current !== undefined && earlyKey.current !== pageKey) earlyKey.current = undefined;
  const [page, reexecutePage] = useQuery({
    query: OrdersPageQuery,
    variables,
    context: LIST_CONTEXT,
    requestPolicy: earlyKey.current === pageKey ? "cache-first" : "cache-and-network",
  });
  // Declared after useQuery, so it runs after useQuery has subscribed to the shared request.
  useEffect(releaseFirstPage, []);

  const section = useRef<HTMLElement>(null);
  // While the next page loads, the previous one stays in place (dimmed): no jump, no flash.
  const shown = useRef<ShownPage | undefined>(undefined);
  const pageIsCurrent = page.operation?.key === pageKey;
  if (pageIsCurrent && page.data) {
    const { edges, pageInfo, totalCount, search } = page.data.orders;
    shown.current = { state, rows: edges.map((edge) => edge.node), facts: { rows: edges.length, ...pageInfo }, total: totalCount, search };
  }
  const view = shown.current;
  const viewTotal = view?.total;

  // A failure stays on screen while the list tries again, so the notice does not flicker.
  const error = pageIsCurrent ? page.error : undefined;
  const problem = error && describeProblem(error);
  const filterProblems = problem?.fieldErrors.filter((fieldError) => fieldError.field.startsWith("filter.")) ?? NO_PROBLEMS;
  const cursorProblem = problem?.fieldErrors.some((fieldError) => fieldError.field.startsWith("page."));

  const retry = (): void => reexecutePage({ requestPolicy: "network-only" });
  // Back online: fetch again without waiting for a click.
  useEffect(() => {
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [reexecutePage]);

  // The service or the network failed: try again by itself, further apart each time, until it answers.
  const failures = useRef(0);
  const waiting = problem?.transient && !page.fetching;
  useEffect(() => {
    if (!error) failures.current = 0;
    if (!waiting) return;
    const timer = setTimeout(retry, Math.min(RETRY_FIRST_MS * 2 ** failures.current++, RETRY_MAX_MS));
    return () => clearTimeout(timer);
  }, [error, waiting]);

  // A cursor the API refuses (an old or edited link): the first page of the same list, with a note.
  useEffect(() => {
    if (cursorProblem) navigate({ ...state, page: { kind: "first" }, linkBroken: true }, true);
  }, [cursorProblem]);

  const firstRow = view ? firstRowOf(view.state.page, view.facts, viewTotal) : undefined;
  const filtered = hasFilter(state.filter);

  let message;
  if (problem && filterProblems.length > 0) {
    message = <p class="notice">The filter above needs a change: see the message beside it.</p>;
  } else if (problem && !cursorProblem) {
    message = <ProblemNotice problem={problem} onRetry={retry} />;
  } else if (pageIsCurrent && view?.rows.length === 0) {
    message = filtered ? (
      <p class="notice">
        No orders match these filters.{" "}
        <button type="button" class="button" onClick={() => navigate(withList(state, { filter: {} }))}>
          Clear filters
        </button>
      </p>
    ) : (
      <p class="notice">No orders yet. Add the first one with “Add order” above.</p>
    );
  }

  return (
    <section class="list" aria-labelledby="orders-heading" ref={section}>
      <h2 id="orders-heading" class="visually-hidden">
        Order list
      </h2>
      <FilterBar
        filter={state.filter}
        sort={state.sort}
        problems={filterProblems}
        search={pageIsCurrent && state.filter.search ? view?.search : undefined}
        onApply={(filter, sort) => navigate(withList(state, { filter, sort }))}
      />
      <div class="list__bar">
        {state.linkBroken && (
          <p class="notice notice--info" role="status">
            Part of this link was out of date or not valid, so it opens at the first page.
          </p>
        )}
        {/* Not for a list the API refused: the export would be refused the same way. */}
        {!problem && (
          <a class="button list__export" href={`${ORDERS_CSV_PATH}?${exportQuery(state)}`} download>
            Export CSV<span class="visually-hidden"> of every order in this list</span>
          </a>
        )}
      </div>
      <OrderTable
        rows={view?.rows}
        placeholderRows={state.size}
        busy={page.fetching && view !== undefined}
        message={message}
        highlightId={highlightId}
        labelledBy="orders-heading"
        onOpen={onOpen}
        onIntent={onRowIntent}
      />
      <Pagination
        firstRow={firstRow}
        rows={view?.facts.rows}
        failed={problem !== undefined}
        total={viewTotal}
        hasPreviousPage={!problem && (view?.facts.hasPreviousPage ?? false)}
        hasNextPage={!problem && (view?.facts.hasNextPage ?? false)}
        size={state.size}
        onMove={(move) => {
          // A click on a page that is still being replaced leads where the new page will lead.
          if (!view || !pageIsCurrent) return;
          const next = movePage(view.state, move, view.facts, firstRow);
          if (!next) return;
          navigate(next);
          // The new page starts at the top of the table (its header row stays in sight as the page scrolls).
          if (section.current!.getBoundingClientRect().top < 0) section.current!.scrollIntoView();
        }}
        onSizeChange={(size) => navigate(withList(state, { size }))}
      />
    </section>
  );
}
