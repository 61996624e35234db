import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROLES } from "../core/contracts.js";
import { type Database, openDatabase } from "../database/database.js";
import { createLogger } from "../logging/logger.js";
import { Sealer } from "./sealed.js";
import { SessionStore } from "./session-store.js";

const MINUTE = 60_000;
const caller = { subject: "oid-1", name: "Rita Reader", roles: [ROLES.read] };

describe("sessions in the database", () => {
  let database: Database;
  let now = 1_000_000_000_000;
  const store = () => new SessionStore(database, { idleMs: 30 * MINUTE, maxAgeMs: 8 * 60 * MINUTE }, new Sealer("x".repeat(32), "id-token"), () => now);

  beforeEach(async () => {
    database = await openDatabase(
      { kind: "sqlite", file: ":memory:" },
      { retry: { firstDelayMs: 1, maxDelayMs: 1, attempts: 1 }, queryTimeoutMs: 5_000, logger: createLogger("silent") },
    );
  });
  afterEach(async () => {
    await database.close();
  });

  it("find the caller by the id the cookie holds, with the ID token kept sealed at rest", async () => {
    const id = await store().create({ caller, idToken: "eyJ.the.id-token" });
    expect(await store().find(id)).toEqual({ caller, idToken: "eyJ.the.id-token" });
    const [row] = (await database.dataSource.query("SELECT id_hash, id_token FROM orders_service_sessions")) as Array<{ id_hash: string; id_token: string }>;
    expect(row!.id_hash).not.toBe(id);
    expect(row!.id_token).not.toContain("the.id-token");
    expect(await store().find("another id")).toBeUndefined();
  });

  it("end after the idle time, but live on while used", async () => {
    const id = await store().create({ caller });
    now += 20 * MINUTE;
    expect(await store().find(id)).toBeDefined();
    now += 20 * MINUTE;
    expect(await store().find(id)).toBeDefined();
    now += 31 * MINUTE;
    expect(await store().find(id)).toBeUndefined();
  });

  it("end after the absolute lifetime, however busy", async () => {
    const id = await store().create({ caller });
    // Used every 20 minutes for 7 h 40 min: alive; at 8 h, ended.
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      now += 20 * MINUTE;
      expect(await store().find(id), `after ${minutes} minutes`).toBeDefined();
    }
    now += 20 * MINUTE;
    expect(await store().find(id)).toBeUndefined();
  });

  it("end at once when signed out, and sweeping removes ended ones", async () => {
    const id = await store().create({ caller });
    const other = await store().create({ caller });
    expect((await store().end(id))?.caller).toEqual(caller);
    expect(await store().find(id)).toBeUndefined();
    now += 31 * MINUTE;
    await store().sweep();
    expect(await database.dataSource.query("SELECT * FROM orders_service_sessions")).toEqual([]);
    expect(await store().find(other)).toBeUndefined();
  });
});
