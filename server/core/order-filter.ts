/**
 * The list filter, checked: text trimmed and bounded, a date range that is not upside down, a
 * search term long enough to mean something. Messages name the field in words (a form shows
 * them); `field` carries its path in the request.
 */
import type { InputFieldError } from "./order-errors.js";
import type { OrderFilterValues } from "./order.js";
import { ORDER_LIMITS, unsafeTextProblem } from "./order-rules.js";
import type { Planned } from "./paging.js";

export interface OrderFilterArgs {
  userId?: string | null;
  storeCode?: string | null;
  orderDateFrom?: Date | null;
  orderDateTo?: Date | null;
  /** A Date UUID (exactly), or the start of a User ID or Store Code, ignoring case. */
  search?: string | null;
}

/** A checked filter: the values to match, and a search term still to be resolved to one of them. */
interface CheckedFilter {
  values: OrderFilterValues;
  search?: string;
}

/** Fewer characters than this would match too much to mean anything. */
const SEARCH_MIN_LENGTH = 3;

function checkText(field: string, label: string, value: string | null | undefined, errors: InputFieldError[], minLength = 1): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  const length = [...text].length;
  if (text === "") errors.push({ field, message: `${label} is empty: leave it out to list every order.` });
  else if (length < minLength) errors.push({ field, message: `${label} needs at least ${minLength} characters.` });
  else if (length > ORDER_LIMITS.textMaxLength) errors.push({ field, message: `${label} must be at most ${ORDER_LIMITS.textMaxLength} characters.` });
  else {
    const unsafe = unsafeTextProblem(text);
    if (unsafe) errors.push({ field, message: `${label} ${unsafe}.` });
  }
  return text;
}

/** One filter in one canonical text: equal filters, equal keys (for cached counts and cursor fingerprints). */
export function filterKey(filter: OrderFilterValues): string {
  return JSON.stringify([
    filter.userId ?? null,
    filter.storeCode ?? null,
    filter.dateUuid ?? null,
    filter.orderDateFrom?.getTime() ?? null,
    filter.orderDateTo?.getTime() ?? null,
  ]);
}

export function checkFilter(filter: OrderFilterArgs | null | undefined): Planned<CheckedFilter> {
  const errors: InputFieldError[] = [];
  const userId = checkText("filter.userId", "User ID", filter?.userId, errors);
  const storeCode = checkText("filter.storeCode", "Store code", filter?.storeCode, errors);
  const search = checkText("filter.search", "Search", filter?.search, errors, SEARCH_MIN_LENGTH);
  const orderDateFrom = filter?.orderDateFrom ?? undefined;
  const orderDateTo = filter?.orderDateTo ?? undefined;
  if (orderDateFrom && orderDateTo && orderDateFrom > orderDateTo) {
    errors.push({ field: "filter.orderDateTo", message: "The end of the date range must be on or after its start." });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      values: {
        ...(userId !== undefined ? { userId } : {}),
        ...(storeCode !== undefined ? { storeCode } : {}),
        ...(orderDateFrom ? { orderDateFrom } : {}),
        ...(orderDateTo ? { orderDateTo } : {}),
      },
      ...(search !== undefined ? { search } : {}),
    },
  };
}
