import { describe, expect, it } from "vitest";
import { parseStoredDate } from "./dialect.js";

describe("parseStoredDate", () => {
  it.each([
    ["2024-05-31 14:30:00.123456", "2024-05-31T14:30:00.123Z"],
    ["2024-05-31 14:30:00.1234567", "2024-05-31T14:30:00.123Z"],
    ["2024-05-31 14:30:00.120", "2024-05-31T14:30:00.120Z"],
    ["2024-05-31 14:30:00.5", "2024-05-31T14:30:00.500Z"],
    ["2024-05-31 14:30:00", "2024-05-31T14:30:00.000Z"],
    ["2024-05-31T14:30:00", "2024-05-31T14:30:00.000Z"],
    ["2024-05-31", "2024-05-31T00:00:00.000Z"],
    ["2024-05-31 14:30:00+02:00", "2024-05-31T12:30:00.000Z"],
    ["2024-05-31T14:30:00.250Z", "2024-05-31T14:30:00.250Z"],
    ["2024-05-31 14:30", "2024-05-31T14:30:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseStoredDate(text)?.toISOString()).toBe(iso);
  });

  it("gives null for what is not a date", () => {
    for (const text of ["", "N/A", "31/05/2024", "2024-05-31 14", null, undefined]) expect(parseStoredDate(text), String(text)).toBeNull();
  });
});
