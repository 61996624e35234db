/**
 * Page arguments, checked and clamped in one place (Relay connection rules): forward with
 * first/after, backward with last/before, 25 rows unless asked, never more than 100.
 */
import type { InputFieldError } from "./order-errors.js";
import type { Traversal } from "./order.js";

export const PAGE_SIZE = { default: 25, max: 100 } as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PagePlan {
  traversal: Traversal;
  size: number;
  cursor?: { field: "page.after" | "page.before"; value: string };
}

export type Planned<T> = { ok: true; value: T } | { ok: false; errors: InputFieldError[] };

function checkSize(field: string, value: number | null | undefined, errors: InputFieldError[]): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > PAGE_SIZE.max) {
    errors.push({ field, message: `${field} must be a whole number from 0 to ${PAGE_SIZE.max} (got ${value}).` });
  }
}

export function planPage(page: PageArgs | null | undefined): Planned<PagePlan> {
  const { first, after, last, before } = page ?? {};
  const has = (value: unknown): boolean => value !== null && value !== undefined;
  const errors: InputFieldError[] = [];
  checkSize("page.first", first, errors);
  checkSize("page.last", last, errors);
  if (has(first) && has(last)) {
    errors.push({ field: "page.last", message: "Give page.first (to go forward) or page.last (to go back), not both." });
  }
  if (has(after) && has(before)) {
    errors.push({ field: "page.before", message: "Give page.after (to go forward) or page.before (to go back), not both." });
  }
  if (has(first) && has(before)) {
    errors.push({ field: "page.before", message: "page.before goes with page.last: use page.after with page.first." });
  }
  if (has(last) && has(after)) {
    errors.push({ field: "page.after", message: "page.after goes with page.first: use page.before with page.last." });
  }
  if (errors.length > 0) return { ok: false, errors };
  const backward = has(last) || has(before);
  const size = (backward ? last : first) ?? PAGE_SIZE.default;
  if (backward) {
    return { ok: true, value: { traversal: "backward", size, ...(has(before) ? { cursor: { field: "page.before", value: before! } } : {}) } };
  }
  return { ok: true, value: { traversal: "forward", size, ...(has(after) ? { cursor: { field: "page.after", value: after! } } : {}) } };
}
