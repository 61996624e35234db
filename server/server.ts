/**
 * The composition root: the one place that wires the parts together. Configuration in; the
 * database opened and migrated; the store, the count cache and the order service made on it;
 * GraphQL and HTTP given those to serve. Every other module receives what it needs.
 */
import type { FastifyInstance } from "fastify";
import { wireAccess } from "./access.js";
import type { AppConfig } from "./config/config.js";
import { describeDatabase } from "./config/database-url.js";
import type { KeyVaultDependencies } from "./config/key-vault.js";
import { resolveDatabaseSettings } from "./config/resolve-database.js";
import { type Database, openDatabase } from "./database/database.js";
import { createApp } from "./http/app.js";
import type { Logger } from "./logging/logger.js";
import { CountScheduler } from "./orders/count-scheduler.js";
import { OrderService } from "./orders/order.service.js";
import { OrderStore } from "./orders/order-store.js";
import { TotalCountCache } from "./orders/total-count-cache.js";
import { seedOrders } from "./seed/seed-orders.js";

/** How many orders a new embedded database starts with, so that a first look shows a working list. */
export const DEMO_ORDER_COUNT = 300;
const DEMO_SEED = 20_240_531;

export interface ServerOptions {
  logger: Logger;
  clientDir?: string;
  keyVault?: Omit<KeyVaultDependencies, "logger">;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  /** Stops taking requests, lets those in flight finish, then closes the database. */
  stop(): Promise<void>;
}

/** Opens (and migrates) the database, then serves the API and the client. */
export async function startServer(config: AppConfig, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const started = performance.now();
  const settings = await resolveDatabaseSettings(config.database, { ...options.keyVault, logger });
  const database = await openDatabase(settings, {
    retry: config.dbRetry,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    logger,
  });
  let stopAccess = (): void => undefined;
  try {
    const store = new OrderStore(database);
    if (settings.kind === "sqlite" && config.seedDemo) await seedDemoOrders(store, logger);
    const orders = new OrderService(store, createCountCache(store, database, { ttlMs: config.totalCountTtlMs, timeoutMs: config.countTimeoutMs }, logger));
    const wired = await wireAccess(config.auth, database, { ...options.keyVault, logger });
    stopAccess = wired.stop;
    const app = await createApp({
      settings: config,
      logger,
      services: { orders },
      database: { name: describeDatabase(settings), ping: (timeoutMs) => database.ping(timeoutMs) },
      access: wired.access,
      ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    });
    const address = await app.listen({ host: config.host, port: config.port });
    const url = address.replace("://0.0.0.0", "://127.0.0.1").replace("://[::]", "://127.0.0.1");
    logger.info(
      { url, database: describeDatabase(settings), from: config.database.from, startupMs: Math.round(performance.now() - started) },
      "orders service listening",
    );
    // type-graphql loads all of class-validator when it first validates an order; do it now, while idle.
    import("class-validator").catch(() => undefined);
    return {
      url,
      app,
      database,
      async stop() {
        // Node closes idle keep-alive connections once, when closing starts; a connection busy then
        // goes idle later and would hold the close open for Fastify's 72 s keep-alive. Sweep again.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
        stopAccess();
        await database.close();
      },
    };
  } catch (error) {
    stopAccess();
    await database.close();
    throw error;
  }
}

/**
 * Counts that run at once, per replica. SQLite has one counting thread; on a database server a
 * count over a million rows already keeps several cores busy (PostgreSQL counts in parallel
 * workers), and in the abuse drill a second one at once tripled the staff's page times. Counts
 * are cached, so a real team's new ones are few: one at a time, in turns, is plenty.
 */
const COUNTS_AT_ONCE = 1;
/** Counts one caller may have waiting for a slot; more are refused at once (COUNTS_BUSY). */
const COUNTS_WAITING_PER_CALLER = 2;

/**
 * Counts per filter, kept exact by this replica's writes; the whole list counted now, so that the
 * first visitor does not wait. A count not in the cache takes its caller's turn (fair between
 * callers) and is stopped after `timeoutMs`.
 */
function createCountCache(store: OrderStore, database: Database, { ttlMs, timeoutMs }: { ttlMs: number; timeoutMs: number }, logger: Logger): TotalCountCache {
  const scheduler = new CountScheduler({
    concurrency: COUNTS_AT_ONCE,
    waitingPerCaller: COUNTS_WAITING_PER_CALLER,
  });
  const counts = new TotalCountCache((filter, who) => scheduler.run(who, () => store.count(filter, timeoutMs)), {
    ttlMs,
    foldText: (text) => store.foldText(text),
    ...(database.changeMarker ? { changeMarker: database.changeMarker } : {}),
    onRecountError: (error) => logger.warn({ err: { message: (error as Error).message } }, "recounting orders failed; the previous count is served"),
  });
  counts.get({}, "start-up").catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, "counting orders at start-up failed"));
  return counts;
}

async function seedDemoOrders(store: OrderStore, logger: Logger): Promise<void> {
  if ((await store.count({})) > 0) return;
  await seedOrders(store, { count: DEMO_ORDER_COUNT, seed: DEMO_SEED, until: new Date() });
  logger.info({ orders: DEMO_ORDER_COUNT }, "new database: added demo orders (SEED_DEMO=false turns this off)");
}
