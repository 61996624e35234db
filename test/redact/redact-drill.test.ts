/**
 * `npm run redact-cards` on a large table of full card numbers, as its own process: how long a
 * dry run, the redaction and a second run (what resuming costs: it reads every row again) take,
 * and the most memory the process held. REDACT_DRILL_ROWS sets the size (default 10,000; the
 * README's figures come from REDACT_DRILL_ROWS=1000000), on SQLite and, when reachable, PostgreSQL.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type EngineName, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { fillOrders } from "../support/fast-fill.js";
import { runNode } from "../support/server-process.js";

const postgresSkipped = await postgresUnavailable();
const ROWS = Number(process.env.REDACT_DRILL_ROWS ?? 10_000);

/**
 * Every card a full number of 12 to 19 digits (fast-fill writes masked ones). Not Luhn-valid:
 * the redaction takes any 12-19 digit run, and the numbers need only differ.
 */
const FULL_NUMBERS: Record<EngineName, string> = {
  sqlite: `UPDATE orders SET "Card Number" = substr(printf('4%018d', (rowid * 2654435761) % 1000000000000000000), 1, 12 + rowid % 8)`,
  postgres: `UPDATE orders SET "Card Number" = substr('4' || lpad(((('x' || substr(md5(date_uuid), 1, 15))::bit(60)::bigint) % 1000000000000000000)::text, 18, '0'), 1, 12 + get_byte(decode(md5(date_uuid), 'hex'), 0) % 8)`,
};

interface Measured {
  output: string;
  seconds: number;
  peakRssMb: number;
}

/** The process's peak resident memory so far (VmHWM), in MB; 0 where /proc cannot tell. */
function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function measure(db: TestDatabase, args: string[]): Promise<Measured> {
  const started = performance.now();
  const run = runNode("dist/server/redact/main.js", args, { DATABASE_URL: db.url });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(run.child.pid!))), 50);
  const code = await run.exited;
  clearInterval(sampler);
  expect(code, run.output()).toBe(0);
  return { output: run.output(), seconds: (performance.now() - started) / 1000, peakRssMb: peak };
}

describe.each<EngineName>(["sqlite", "postgres"])(`redacting ${ROWS.toLocaleString("en")} full card numbers on %s`, (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    await fillOrders(db, ROWS);
    await db.query(FULL_NUMBERS[engine]);
  }, 600_000);

  afterAll(async () => {
    if (!skip) await db?.drop();
  });

  it.skipIf(skip)("redacts every one in batches, and a second run only reads", async () => {
    const dryRun = await measure(db, []);
    expect(dryRun.output).toMatch(new RegExp(`Full card numbers: +${ROWS.toLocaleString("en")} `));
    const apply = await measure(db, ["--apply"]);
    expect(apply.output).toMatch(new RegExp(`Redacted ${ROWS.toLocaleString("en")} values\\.`));
    const again = await measure(db, ["--apply"]);
    expect(again.output).toMatch(/Redacted 0 values\./);
    const left = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM orders WHERE "Card Number" NOT LIKE '%*%'`);
    expect(Number(left[0]!.n)).toBe(0);

    const walked = (run: Measured) => /Walked [\d,]+ rows in ([\d.]+ s|.+?) \(([\d,]+) rows\/s\)/.exec(run.output)?.slice(1, 3).join(", ");
    console.log(
      `redact drill, ${engine}, ${ROWS.toLocaleString("en")} rows (walk time, rate; process wall time; peak RSS):\n` +
        `  dry run      ${walked(dryRun)}; ${dryRun.seconds.toFixed(1)} s; ${dryRun.peakRssMb.toFixed(0)} MB\n` +
        `  --apply      ${walked(apply)}; ${apply.seconds.toFixed(1)} s; ${apply.peakRssMb.toFixed(0)} MB\n` +
        `  second run   ${walked(again)}; ${again.seconds.toFixed(1)} s; ${again.peakRssMb.toFixed(0)} MB`,
    );
  }, 1_800_000);
});
