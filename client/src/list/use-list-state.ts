import { useCallback, useEffect, useState } from "preact/hooks";
import { formatListState, type ListState, parseListState } from "./list-state.js";

const read = (): ListState => parseListState(new URLSearchParams(window.location.search));

function write(state: ListState, replace: boolean): void {
  const query = formatListState(state);
  const search = query ? `?${query}` : "";
  const url = search || window.location.pathname;
  if (replace) window.history.replaceState(null, "", url);
  else if (search !== window.location.search) window.history.pushState(null, "", url);
}

/**
 * The list state, read from and written to the address bar. Every change is a history entry,
 * so the back button steps back through pages, filters and opened orders. A correction (a link
 * that could not be used, a panel closed) replaces the entry instead, and only a correction keeps
 * `linkBroken`, the note that says the link was not used as it was.
 */
export function useListState(): [ListState, (next: ListState, replace?: boolean) => void] {
  const [state, setState] = useState(read);
  useEffect(() => {
    // The address bar shows what is shown: a link that could not be used as it was is tidied.
    if (state.linkBroken) write(state, true);
    const onPopState = (): void => setState(read());
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  const navigate = useCallback((next: ListState, replace = false) => {
    const { linkBroken, ...rest } = next;
    const shown = replace && linkBroken ? next : rest;
    write(shown, replace);
    setState(shown);
  }, []);
  return [state, navigate];
}
