import { useEffect, useRef, useState } from "preact/hooks";
import type { FieldProblem } from "../api/problems.js";
import { TextField } from "../components/TextField.js";
import { hasFilter, type ListFilter, type SortOrder } from "./list-state.js";

export interface FilterBarProps {
  filter: ListFilter;
  sort: SortOrder;
  /** The API's complaints about the filter (`filter.userId`, …), shown beside its fields. */
  problems: readonly FieldProblem[];
  onFilter(filter: ListFilter): void;
  onSort(sort: SortOrder): void;
}

type Draft = Required<Record<keyof ListFilter, string>>;

const FIELDS: ReadonlyArray<{ key: keyof ListFilter; label: string; api: string; type: "text" | "date" }> = [
  { key: "userId", label: "User ID", api: "filter.userId", type: "text" },
  { key: "storeCode", label: "Store code", api: "filter.storeCode", type: "text" },
  { key: "from", label: "Order date from", api: "filter.orderDateFrom", type: "date" },
  { key: "to", label: "Order date to", api: "filter.orderDateTo", type: "date" },
];

function draftOf(filter: ListFilter): Draft {
  return { userId: filter.userId ?? "", storeCode: filter.storeCode ?? "", from: filter.from ?? "", to: filter.to ?? "" };
}

function filterOf(draft: Draft): ListFilter {
  const filter: ListFilter = {};
  for (const { key } of FIELDS) {
    const value = draft[key].trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/** Find orders: filters apply when the form is submitted (Enter or Find); the sort at once. */
export function FilterBar({ filter, sort, problems, onFilter, onSort }: FilterBarProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const form = useRef<HTMLFormElement>(null);
  // The URL is the truth: the back button or a shared link brings its filter into the fields.
  useEffect(() => setDraft(draftOf(filter)), [filter.userId, filter.storeCode, filter.from, filter.to]);

  const problemOf = (api: string): string | undefined => problems.find((problem) => problem.field === api)?.message;
  // When the API rejects the filter, focus goes to the first field it named.
  const problemKey = problems.map((problem) => `${problem.field}:${problem.message}`).join("\n");
  useEffect(() => {
    if (problemKey) form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [problemKey]);

  return (
    <form
      ref={form}
      class="filters"
      role="search"
      aria-label="Find orders"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onFilter(filterOf(draft));
      }}
    >
      {FIELDS.map(({ key, label, api, type }) => (
        <TextField
          key={key}
          id={`filter-${key}`}
          label={label}
          type={type}
          value={draft[key]}
          error={problemOf(api)}
          onInput={(value) => setDraft((current) => ({ ...current, [key]: value }))}
        />
      ))}
      <div class="field">
        <label for="filter-sort">Sort</label>
        <select id="filter-sort" class="select" value={sort} onChange={(event) => onSort(event.currentTarget.value as SortOrder)}>
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
              onFilter({});
              // This button goes away with the filters: focus stays in the form, on its first field.
              form.current?.querySelector<HTMLElement>("input")?.focus();
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
