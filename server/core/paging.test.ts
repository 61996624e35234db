import { describe, expect, it } from "vitest";
import { PAGE_SIZE, planPage } from "./paging.js";

describe("planPage", () => {
  it("defaults to the first 25 rows", () => {
    expect(planPage(undefined)).toEqual({ ok: true, value: { traversal: "forward", size: PAGE_SIZE.default } });
    expect(planPage({ after: "c" })).toEqual({ ok: true, value: { traversal: "forward", size: 25, cursor: { field: "page.after", value: "c" } } });
  });

  it("goes backward with last or before", () => {
    expect(planPage({ last: 10 })).toEqual({ ok: true, value: { traversal: "backward", size: 10 } });
    expect(planPage({ before: "c" })).toEqual({ ok: true, value: { traversal: "backward", size: 25, cursor: { field: "page.before", value: "c" } } });
  });

  it("allows 0 to 100 rows", () => {
    expect(planPage({ first: 0 }).ok).toBe(true);
    expect(planPage({ first: 100 }).ok).toBe(true);
    expect(planPage({ first: 101 })).toMatchObject({ ok: false, errors: [{ field: "page.first" }] });
    expect(planPage({ last: -1 })).toMatchObject({ ok: false, errors: [{ field: "page.last" }] });
  });

  it("refuses mixed directions, naming each problem", () => {
    const plan = planPage({ first: 1, last: 1, after: "a", before: "b" });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.errors.map((error) => error.field)).toEqual(["page.last", "page.before", "page.before", "page.after"]);
  });
});
