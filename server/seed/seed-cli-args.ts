/** `npm run seed -- --count N [--seed S] [--until YYYY-MM-DD]`, read strictly. */
import { parseOrderDate } from "../core/order-rules.js";

export const SEED_USAGE =
  "Usage: npm run seed -- --count N [--seed S] [--until YYYY-MM-DD]\n" +
  "  --count  how many orders to add (1 to 10,000,000)\n" +
  "  --seed   makes the orders reproducible (a whole number; random when left out)\n" +
  "  --until  the last order date (default: today); orders spread over the three years before it\n" +
  "The database is the one the server uses (DATABASE_URL, DB_*, KEY_VAULT_URL, or data/orders.sqlite).";

export interface SeedArgs {
  count: number;
  seed: number;
  until: Date;
}

export type SeedArgsReading = { ok: true; args: SeedArgs } | { ok: false; problems: string[] };

export function parseSeedArgs(argv: readonly string[], now: Date = new Date(), random: () => number = Math.random): SeedArgsReading {
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--(count|seed|until)(?:=(.*))?$/.exec(arg);
    if (!match) {
      problems.push(`unknown argument "${arg}"`);
      continue;
    }
    const value = match[2] ?? argv[i + 1];
    if (match[2] === undefined) i += 1;
    if (value === undefined || value.startsWith("--")) problems.push(`--${match[1]} needs a value`);
    else values.set(match[1]!, value);
  }
  const wholeNumber = (name: string, min: number, max: number): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    const digits = raw.replaceAll("_", "");
    const value = Number(digits);
    if (!/^\d+$/.test(digits) || value < min || value > max) {
      problems.push(`--${name} must be a whole number from ${min} to ${max.toLocaleString("en")} (got "${raw}")`);
      return undefined;
    }
    return value;
  };
  const count = wholeNumber("count", 1, 10_000_000);
  if (!values.has("count") && !problems.some((problem) => problem.startsWith("--count"))) problems.push("--count is required");
  const seed = wholeNumber("seed", 0, 2 ** 32 - 1) ?? Math.floor(random() * 2 ** 32);
  let until = now;
  const untilText = values.get("until");
  if (untilText !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(untilText) ? parseOrderDate(untilText) : undefined;
    if (parsed) until = parsed;
    else problems.push(`--until must be a date such as 2024-05-31 (got "${untilText}")`);
  }
  if (problems.length > 0 || count === undefined) return { ok: false, problems };
  return { ok: true, args: { count, seed, until } };
}
