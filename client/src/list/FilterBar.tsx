import { useEffect, useRef, useState } from "preact/hooks";
import type { OrderSearch, SearchMatch } from "../api/list-query.js";
import type { FieldProblem } from "../api/problems.js";
import { TextField } from "../components/TextField.js";
import { localIso } from "../format.js";
import { hasFilter, type ListFilter, type SortOrder } from "./list-state.js";

export interface FilterBarProps {
  filter: ListFilter;
  sort: SortOrder;
  /** The API's complaints about the filter (`filter.userId`, …), shown beside its fields. */
  problems: readonly FieldProblem[];
  /** What the search in the filter was taken to mean, once the list has answered. */
  search?: OrderSearch | null | undefined;
  onApply(filter: ListFilter, sort: SortOrder): void;
}

type Draft = Required<Record<keyof ListFilter, string>>;

const FIELDS: ReadonlyArray<{ key: keyof ListFilter; label: string; type: "search" | "text" | "date"; hint?: string }> = [
  { key: "search", label: "Search", type: "search", hint: "A Date UUID, or the start of a User ID or Store code" },
  { key: "userId", label: "User ID", type: "text" },
  { key: "storeCode", label: "Store code", type: "text" },
  { key: "from", label: "Order date from", type: "date" },
  { key: "to", label: "Order date to", type: "date" },
];

/** The API's name of each field, as its complaints name them. */
const API_FIELDS: Record<keyof ListFilter, string> = {
  search: "filter.search",
  userId: "filter.userId",
  storeCode: "filter.storeCode",
  from: "filter.orderDateFrom",
  to: "filter.orderDateTo",
};

const MATCH_FIELDS = { DATE_UUID: ["Date UUID", "search"], USER_ID: ["User ID", "userId"], STORE_CODE: ["Store code", "storeCode"] } as const;

/** Ranges of whole days in the staff's own calendar, ending today (or, for the month, at its end). */
const SHORTCUTS: ReadonlyArray<[string, (y: number, m: number, d: number) => [Date, Date]]> = [
  ["Today", (y, m, d) => [new Date(y, m, d), new Date(y, m, d)]],
  ["Last 7 days", (y, m, d) => [new Date(y, m, d - 6), new Date(y, m, d)]],
  ["This month", (y, m) => [new Date(y, m, 1), new Date(y, m + 1, 0)]],
];

const day = (date: Date): string => localIso(date).slice(0, 10);

function draftOf(filter: ListFilter): Draft {
  return { search: filter.search ?? "", userId: filter.userId ?? "", storeCode: filter.storeCode ?? "", from: filter.from ?? "", to: filter.to ?? "" };
}

function filterOf(draft: Draft): ListFilter {
  const filter: ListFilter = {};
  for (const { key } of FIELDS) {
    const value = draft[key].trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/** Under the search box: what the term was taken to mean, or what it could mean (to choose from). */
function SearchOutcome({ search, onChoose }: { search: OrderSearch; onChoose(match: SearchMatch): void }) {
  const { term, match, suggestions } = search;
  return (
    <div class="search-outcome" aria-live="polite">
      <p>
        {match ? (
          <>
            Orders of {MATCH_FIELDS[match.field][0]} <strong class="mono">{match.value}</strong>.{suggestions.length > 0 && " “" + term + "” could also mean:"}
          </>
        ) : suggestions.length > 0 ? (
          `“${term}” could mean more than one thing: choose one.`
        ) : (
          `Nothing matches “${term}”.`
        )}
      </p>
      {suggestions.length > 0 && (
        <ul class="search-outcome__choices">
          {suggestions.map((suggestion) => (
            <li key={suggestion.field + suggestion.value}>
              <button type="button" class="button" onClick={() => onChoose(suggestion)}>
                {MATCH_FIELDS[suggestion.field][0]} <span class="mono">{suggestion.value}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Find orders. What is typed applies with Enter or Find, with a date shortcut, a chosen
 * suggestion or a change of sort (each takes the whole bar as it stands, so nothing typed is
 * silently left out).
 */
export function FilterBar({ filter, sort, problems, search, onApply }: FilterBarProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const form = useRef<HTMLFormElement>(null);
  // The URL is the truth: the back button or a shared link brings its filter into the fields.
  useEffect(() => setDraft(draftOf(filter)), [filter.search, filter.userId, filter.storeCode, filter.from, filter.to]);

  const problemOf = (key: keyof ListFilter): string | undefined => problems.find((problem) => problem.field === API_FIELDS[key])?.message;
  // When the API rejects the filter, focus goes to the first field it named.
  const problemKey = problems.map((problem) => `${problem.field}:${problem.message}`).join("\n");
  const focus = (selector: string): void => form.current?.querySelector<HTMLElement>(selector)?.focus();
  useEffect(() => {
    if (problemKey) focus("[aria-invalid='true']");
  }, [problemKey]);

  const choose = (match: SearchMatch): void => {
    const [, key] = MATCH_FIELDS[match.field];
    // The choice replaces the search: the field it belongs to holds it (and takes focus, so it is plain what changed).
    onApply({ ...filterOf(draft), search: undefined, [key]: match.value }, sort);
    focus(`#filter-${key}`);
  };

  return (
    <form
      ref={form}
      class="filters"
      role="search"
      aria-label="Find orders"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filterOf(draft), sort);
      }}
    >
      {FIELDS.map(({ key, label, type, hint }) => (
        <TextField
          key={key}
          id={`filter-${key}`}
          label={label}
          type={type}
          hint={hint}
          value={draft[key]}
          error={problemOf(key)}
          onInput={(value) => setDraft((current) => ({ ...current, [key]: value }))}
        />
      ))}
      <div class="filters__shortcuts" role="group" aria-label="Order dates">
        {SHORTCUTS.map(([label, range]) => (
          <button
            key={label}
            type="button"
            class="button button--small"
            onClick={() => {
              const today = new Date();
              const [from, to] = range(today.getFullYear(), today.getMonth(), today.getDate());
              onApply({ ...filterOf(draft), from: day(from), to: day(to) }, sort);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div class="field">
        <label for="filter-sort">Sort</label>
        <select id="filter-sort" class="select" value={sort} onChange={(event) => onApply(filterOf(draft), event.currentTarget.value as SortOrder)}>
          <option value="ORDER_DATE_DESC">Newest first</option>
          <option value="ORDER_DATE_ASC">Oldest first</option>
        </select>
      </div>
      <div class="filters__actions">
        <button type="submit" class="button button--primary">
          Find
        </button>
        {hasFilter(filter) && (
          <button
            type="button"
            class="button"
            onClick={() => {
              // The fields empty themselves when the filter changes (the effect above).
              onApply({}, sort);
              // This button goes away with the filters: focus stays in the form, on its first field.
              focus("input");
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      {search && <SearchOutcome search={search} onChoose={choose} />}
    </form>
  );
}
