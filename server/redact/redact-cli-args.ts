/** `npm run redact-cards -- [--apply] [--batch-size N] [--pause-ms N]`, read strictly. */

export const REDACT_USAGE =
  "Usage: npm run redact-cards -- [--apply] [--batch-size N] [--pause-ms N]\n" +
  "  (no flags)    a dry run: counts the card numbers that show more digits than new orders keep, changes nothing\n" +
  "  --apply       rewrites each of them to the form new orders are stored in (first six and last four digits at\n" +
  "                most); this cannot be undone, so take a backup first\n" +
  "  --batch-size  rows read, and written, per transaction (1 to 10,000; default 1,000)\n" +
  "  --pause-ms    a pause between batches, to go easier on a busy database (0 to 60,000; default 0)\n" +
  "  --help        this text\n" +
  "Ctrl-C (or SIGTERM) stops after the batch in progress; running the command again carries on.\n" +
  "The database is the one the server uses (DATABASE_URL, DB_*, KEY_VAULT_URL, or data/orders.sqlite).";

const DEFAULT_BATCH_SIZE = 1_000;

export interface RedactArgs {
  apply: boolean;
  batchSize: number;
  pauseMs: number;
}

export type RedactArgsReading = { ok: true; args: RedactArgs } | { ok: true; help: true } | { ok: false; problems: string[] };

const WHOLE_NUMBER_FLAGS = {
  "batch-size": { min: 1, max: 10_000, default: DEFAULT_BATCH_SIZE, example: 500 },
  "pause-ms": { min: 0, max: 60_000, default: 0, example: 200 },
} as const;
type WholeNumberFlag = keyof typeof WHOLE_NUMBER_FLAGS;

/** Reads the arguments; every problem is named, with what would be right. */
export function parseRedactArgs(argv: readonly string[]): RedactArgsReading {
  const problems: string[] = [];
  const seen = new Set<string>();
  const values = new Map<WholeNumberFlag, string>();
  let apply = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--(apply|help|batch-size|pause-ms)(?:=(.*))?$/.exec(arg);
    const name = match?.[1] ?? (arg === "-h" ? "help" : undefined);
    if (name === undefined) {
      problems.push(`unknown argument "${arg}"${arg === "--dry-run" ? " (a dry run is the default: leave it out)" : ""}`);
      continue;
    }
    if (seen.has(name)) problems.push(`--${name} is given more than once`);
    seen.add(name);
    if (name === "apply" || name === "help") {
      if (match?.[2] !== undefined) problems.push(`--${name} takes no value (got "${arg}")`);
      if (name === "apply") apply = true;
      else help = true;
      continue;
    }
    const flag = name as WholeNumberFlag;
    const inline = match![2];
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      problems.push(`--${flag} needs a value, such as --${flag} ${WHOLE_NUMBER_FLAGS[flag].example}`);
      continue;
    }
    if (inline === undefined) i += 1;
    values.set(flag, value);
  }
  if (help && problems.length === 0) return { ok: true, help: true };
  const batchSize = wholeNumber("batch-size", values.get("batch-size"), problems);
  const pauseMs = wholeNumber("pause-ms", values.get("pause-ms"), problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, args: { apply, batchSize, pauseMs } };
}

/** A flag's whole number within its range (underscores allowed: 10_000), or its default when absent. */
function wholeNumber(name: WholeNumberFlag, raw: string | undefined, problems: string[]): number {
  const { min, max, default: fallback } = WHOLE_NUMBER_FLAGS[name];
  if (raw === undefined) return fallback;
  const digits = raw.replaceAll("_", "");
  const value = Number(digits);
  if (!/^\d+$/.test(digits) || value < min || value > max) {
    problems.push(`--${name} must be a whole number from ${min} to ${max.toLocaleString("en")} (got "${raw}")`);
  }
  return value;
}
