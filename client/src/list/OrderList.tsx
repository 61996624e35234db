import { createRequest } from "@urql/core";
import { useQuery } from "@urql/preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { LIST_CONTEXT, type OrderRow, OrdersPageQuery } from "../api/documents.js";
import { firstPageKey, releaseFirstPage } from "../api/first-page.js";
import { describeProblem, type FieldProblem, type Problem } from "../api/problems.js";
import { FilterBar } from "./FilterBar.js";
import {
  firstRowOf,
  hasFilter,
  type ListState,
  movePage,
  ordersVariables,
  type PageFacts,
  withList,
} from "./list-state.js";
import { OrderTable } from "./OrderTable.js";
import { Pagination } from "./Pagination.js";

export interface OrderListProps {
  state: ListState;
  navigate(next: ListState): void;
  highlightId?: string | undefined;
}

interface ShownPage {
  state: ListState;
  rows: readonly OrderRow[];
  facts: PageFacts;
  total: number;
}

const NO_PROBLEMS: FieldProblem[] = [];

function ProblemNotice({ problem, onRetry, onFirstPage }: { problem: Problem; onRetry(): void; onFirstPage?: (() => void) | undefined }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>
        <strong>The orders could not be loaded.</strong> {problem.message}
      </p>
      {problem.requestId && (
        <p class="notice__detail">
          Request id: <code>{problem.requestId}</code> (quote it if you report this)
        </p>
      )}
      <p class="notice__actions">
        {onFirstPage ? (
          <button type="button" class="button button--primary" onClick={onFirstPage}>
            Go to the first page
          </button>
        ) : (
          <button type="button" class="button button--primary" onClick={onRetry}>
            Retry
          </button>
        )}
      </p>
    </div>
  );
}

/** Find orders, the table and its pages: everything driven by the list state in the URL. */
export function OrderList({ state, navigate, highlightId }: OrderListProps) {
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

  // While the next page loads, the previous one stays in place (dimmed): no jump, no flash.
  const shown = useRef<ShownPage | undefined>(undefined);
  const pageIsCurrent = page.operation?.key === pageKey;
  if (pageIsCurrent && page.data) {
    const { edges, pageInfo, totalCount } = page.data.orders;
    shown.current = { state, rows: edges.map((edge) => edge.node), facts: { rows: edges.length, ...pageInfo }, total: totalCount };
  }
  const view = shown.current;
  const viewTotal = view?.total;

  const problem = pageIsCurrent && page.error && !page.fetching ? describeProblem(page.error) : undefined;
  const filterProblems = problem?.fieldErrors.filter((fieldError) => fieldError.field.startsWith("filter.")) ?? NO_PROBLEMS;
  const cursorProblem = problem?.fieldErrors.some((fieldError) => fieldError.field.startsWith("page."));

  const retry = (): void => reexecutePage({ requestPolicy: "network-only" });
  // Back online: fetch again without waiting for a click.
  useEffect(() => {
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [reexecutePage]);

  const firstRow = view ? firstRowOf(view.state.page, view.facts, viewTotal) : undefined;
  const filtered = hasFilter(state.filter);

  let message;
  if (problem && filterProblems.length > 0) {
    message = <p class="notice">The filter above needs a change: see the message beside it.</p>;
  } else if (problem) {
    message = <ProblemNotice problem={problem} onRetry={retry} onFirstPage={cursorProblem ? () => navigate({ ...state, page: { kind: "first" } }) : undefined} />;
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
    <section class="list" aria-labelledby="orders-heading">
      <h2 id="orders-heading" class="visually-hidden">
        Order list
      </h2>
      <FilterBar
        filter={state.filter}
        sort={state.sort}
        problems={filterProblems}
        onFilter={(filter) => navigate(withList(state, { filter }))}
        onSort={(sort) => navigate(withList(state, { sort }))}
      />
      <OrderTable
        rows={view?.rows}
        placeholderRows={state.size}
        busy={page.fetching && view !== undefined}
        message={message}
        highlightId={highlightId}
        labelledBy="orders-heading"
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
          if (next) navigate(next);
        }}
        onSizeChange={(size) => navigate(withList(state, { size }))}
      />
    </section>
  );
}
