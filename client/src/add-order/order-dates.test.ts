import { afterEach, describe, expect, it, vi } from "vitest";
import { newDateUuid, shippingMoment } from "./order-dates.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Node reads TZ again when it changes: the staff's time zone, for one test. */
function inZone(timeZone: string): void {
  vi.stubEnv("TZ", timeZone);
}

const at = (iso: string) => new Date(iso);
const shipped = (day: string, order: string) => shippingMoment(day, at(order))?.toISOString();

describe("a new Date UUID", () => {
  it("is a version-4 UUID, a different one each time", () => {
    const keys = new Set(Array.from({ length: 50 }, newDateUuid));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("the shipping date as the moment to store", () => {
  it("is the calendar date (midnight UTC, as the old app stored it) when that is not before the order", () => {
    inZone("America/Los_Angeles");
    expect(shipped("2024-05-03", "2024-05-01T16:30:00Z")).toBe("2024-05-03T00:00:00.000Z");
    inZone("Europe/Berlin");
    // 01:00 on 2 May in Berlin is 23:00 UTC on 1 May: 2 May at midnight UTC is after it.
    expect(shipped("2024-05-02", "2024-05-01T23:00:00Z")).toBe("2024-05-02T00:00:00.000Z");
  });

  it("is the order's own moment when it ships the day it was taken, later than midnight UTC", () => {
    inZone("America/Los_Angeles");
    // 20:00 on 1 May in Los Angeles is 03:00 UTC on 2 May.
    expect(shipped("2024-05-01", "2024-05-02T03:00:00Z")).toBe("2024-05-02T03:00:00.000Z");
    inZone("Europe/London");
    expect(shipped("2024-05-01", "2024-05-01T09:00:00Z")).toBe("2024-05-01T09:00:00.000Z");
  });

  it("is the first moment of that day on the staff's clock when midnight UTC falls before the order", () => {
    inZone("America/Los_Angeles");
    // Taken at 20:00 on 1 May (03:00 UTC on 2 May), shipped 2 May: from 00:00 on 2 May in Los Angeles.
    expect(shipped("2024-05-02", "2024-05-02T03:00:00Z")).toBe("2024-05-02T07:00:00.000Z");
  });

  it("leaves a day before the order's to the rules, and what it cannot read to them too", () => {
    inZone("America/Los_Angeles");
    expect(shipped("2024-04-30", "2024-05-02T03:00:00Z")).toBe("2024-04-30T00:00:00.000Z");
    expect(shippingMoment("30/04/2024", at("2024-05-01T00:00:00Z"))).toBeUndefined();
    expect(shippingMoment("2024-05-03", undefined)).toBeUndefined();
    expect(shippingMoment("2024-05-03", at("not a date"))).toBeUndefined();
  });
});
