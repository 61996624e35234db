import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path.js";

describe("the return path after sign-in", () => {
  it.each(["/", "/?page=3&sort=ORDER_DATE_ASC", "/orders?order=WyJvcmRlciJd#top"])("keeps a path on this site: %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    undefined,
    "",
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/%0d%0aSet-Cookie:x=y".replace("%0d%0a", "\r\n"),
    "javascript:alert(1)",
    `/${"a".repeat(2_001)}`,
  ])("sends anything that could leave it home: %j", (path) => {
    expect(safeReturnPath(path)).toBe("/");
  });
});
