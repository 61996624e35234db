/** `npm run seed -- --count N [--seed S] [--until YYYY-MM-DD]`: add synthetic orders to the configured database. */
import { openToolDatabase } from "../database/tool-database.js";
import { OrderStore } from "../orders/order-store.js";
import { parseSeedArgs, SEED_USAGE } from "./seed-cli-args.js";
import { bulkLoad } from "./bulk-load.js";
import { seedOrders } from "./seed-orders.js";

async function main(): Promise<number> {
  const reading = parseSeedArgs(process.argv.slice(2));
  if (!reading.ok) {
    process.stderr.write(`${reading.problems.map((problem) => `seed: ${problem}`).join("\n")}\n\n${SEED_USAGE}\n`);
    return 2;
  }
  const { count, seed, until } = reading.args;
  const opened = await openToolDatabase();
  if (!opened.ok) return opened.exitCode;
  const { database, description } = opened;
  const store = new OrderStore(database);
  const started = performance.now();
  process.stdout.write(`Adding ${count.toLocaleString("en")} orders (seed ${seed}) to ${description}\n`);
  try {
    await bulkLoad(database, count, await store.count({}), () =>
      seedOrders(store, {
        count,
        seed,
        until,
        onProgress: (done) => {
          if (done < count) process.stdout.write(`  ${done.toLocaleString("en")} added\n`);
        },
      }),
    );
  } catch (error) {
    if (store.isUniqueViolation(error)) {
      process.stderr.write(`seed: orders made from seed ${seed} are already in this database; nothing was added from the batch that clashed. Use another --seed.\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `Added ${count.toLocaleString("en")} orders in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString("en")} orders/s)\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`seed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
