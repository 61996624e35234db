import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { formatListState, type ListState, parseListState } from "./list-state.js";

/**
 * The list state, read from and written to the address bar. Every change is a history entry,
 * so the back button steps back through pages and filters.
 */
export function useListState(): [ListState, (next: ListState) => void] {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const onPopState = (): void => setSearch(window.location.search);
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  const state = useMemo(() => parseListState(new URLSearchParams(search)), [search]);
  const navigate = useCallback((next: ListState) => {
    const query = formatListState(next);
    const url = query ? `?${query}` : window.location.pathname;
    if (`?${query}` === window.location.search || (!query && !window.location.search)) return;
    window.history.pushState(null, "", url);
    setSearch(window.location.search);
  }, []);
  return [state, navigate];
}
