/** The list filter, checked: text trimmed and bounded, a date range that is not upside down. */
import type { InputFieldError } from "./order-errors.js";
import type { OrderFilterValues } from "./order.js";
import { hasControlCharacters, ORDER_LIMITS } from "./order-rules.js";
import type { Planned } from "./paging.js";

export interface OrderFilterArgs {
  userId?: string | null;
  storeCode?: string | null;
  orderDateFrom?: Date | null;
  orderDateTo?: Date | null;
}

function checkText(field: string, value: string | null | undefined, errors: InputFieldError[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") errors.push({ field, message: `${field} is empty: leave it out to list every order.` });
  else if ([...text].length > ORDER_LIMITS.textMaxLength) {
    errors.push({ field, message: `${field} must be at most ${ORDER_LIMITS.textMaxLength} characters.` });
  } else if (hasControlCharacters(text)) errors.push({ field, message: `${field} must not contain control characters.` });
  return text;
}

/** One filter in one canonical text: equal filters, equal keys (for cached counts and cursor fingerprints). */
export function filterKey(filter: OrderFilterValues): string {
  return JSON.stringify([
    filter.userId ?? null,
    filter.storeCode ?? null,
    filter.orderDateFrom?.getTime() ?? null,
    filter.orderDateTo?.getTime() ?? null,
  ]);
}

export function checkFilter(filter: OrderFilterArgs | null | undefined): Planned<OrderFilterValues> {
  const errors: InputFieldError[] = [];
  const userId = checkText("filter.userId", filter?.userId, errors);
  const storeCode = checkText("filter.storeCode", filter?.storeCode, errors);
  const orderDateFrom = filter?.orderDateFrom ?? undefined;
  const orderDateTo = filter?.orderDateTo ?? undefined;
  if (orderDateFrom && orderDateTo && orderDateFrom > orderDateTo) {
    errors.push({ field: "filter.orderDateTo", message: "filter.orderDateTo must be on or after filter.orderDateFrom." });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...(userId !== undefined ? { userId } : {}),
      ...(storeCode !== undefined ? { storeCode } : {}),
      ...(orderDateFrom ? { orderDateFrom } : {}),
      ...(orderDateTo ? { orderDateTo } : {}),
    },
  };
}
