/**
 * `totalCount` without a full count per request. A COUNT(*) over a million rows takes tens
 * of milliseconds and, on SQLite, blocks the event loop; asked on every page it would cap the
 * service at a few dozen requests a second. So counts are cached per filter and kept exact:
 *
 * - this replica's own inserts adjust every cached count they match, at once;
 * - a count older than half the TTL is recounted in the background (the value is served
 *   meanwhile); one older than the TTL is recounted before it is served, so that a count is never
 *   older than the TTL (after an idle spell, say): across replicas a count is exact within the TTL
 *   (unless the recount fails, when the last count is served and the failure reported);
 * - when this replica inserts while a recount is running, the recount cannot tell whether it
 *   saw those rows, so its result is set aside and the adjusted value kept (accepted only after
 *   several such clashes in a row, so that a busy replica still learns of the others' writes;
 *   then it may be off by the inserts that raced it, until the next recount, which such a
 *   doubtful count always gets).
 *
 * The cache holds at most `maxEntries` filters, the most recently used (filters come from
 * callers: unbounded otherwise).
 */
import { filterKey } from "../core/order-filter.js";
import type { OrderFilterValues } from "../core/order.js";

interface Entry {
  filter: OrderFilterValues;
  value?: number;
  fetchedAt: number;
  /** The database's change marker when this entry was last counted. */
  marker?: number;
  /** The value may have missed this replica's own inserts (a count raced them): recount, whatever the marker says. */
  doubtful: boolean;
  recount?: Promise<number>;
  /** A refresh under way (a change-marker check, then a recount if needed). */
  refresh?: Promise<void>;
  /** Inserts counted since the entry was made; a recount compares it before and after. */
  writes: number;
  clashes: number;
}

export interface TotalCountCacheOptions {
  /** 0 turns the cache off: every request counts. */
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
  /** Told of a background recount that failed (the stale value stays in use). */
  onRecountError?: (error: unknown) => void;
  /**
   * A number that changes whenever another connection writes (SQLite's data_version). When
   * given, a stale count is recounted only if it changed: otherwise this replica's own
   * adjustments have kept it exact, and a full count would be wasted work.
   */
  changeMarker?: () => Promise<number>;
  /** How the database folds case (the user and store filters ignore it), to match new rows as it would. */
  foldText?: (text: string) => string;
}

const MAX_CLASHES = 3;

export class TotalCountCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  /** `countRows` is told who asked (see CountScheduler): a background recount is theirs too. */
  constructor(
    private readonly countRows: (filter: OrderFilterValues, who: string) => Promise<number>,
    private readonly options: TotalCountCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  /** The count for `filter`, asked for by `who` (a caller or client address). */
  async get(filter: OrderFilterValues, who: string): Promise<number> {
    if (this.options.ttlMs === 0) return this.countRows(filter, who);
    // Keyed as the database matches: "U1" and "u1" are one filter and one count.
    const fold = this.options.foldText;
    const key = filterKey(
      fold
        ? {
            ...filter,
            ...(filter.userId !== undefined ? { userId: fold(filter.userId) } : {}),
            ...(filter.storeCode !== undefined ? { storeCode: fold(filter.storeCode) } : {}),
          }
        : filter,
    );
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: a flood of one-off filters evicts those, not the ones in use.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = { filter, fetchedAt: Number.NEGATIVE_INFINITY, writes: 0, clashes: 0, doubtful: false };
      this.entries.set(key, entry);
      this.evictLeastRecentlyUsed();
    }
    if (entry.value === undefined) return entry.recount ?? this.recount(entry, who);
    const age = this.now() - entry.fetchedAt;
    if (age >= this.options.ttlMs) {
      // Too old to serve: brought up to date first.
      await this.refreshing(entry, who).catch((error: unknown) => this.options.onRecountError?.(error));
    } else if (age >= this.options.ttlMs / 2) {
      this.refreshing(entry, who).catch((error: unknown) => this.options.onRecountError?.(error));
    }
    return entry.value;
  }

  /** The entry's refresh, one at a time. */
  private refreshing(entry: Entry, who: string): Promise<void> {
    entry.refresh ??= this.refresh(entry, who).finally(() => {
      entry.refresh = undefined;
    });
    return entry.refresh;
  }

  private async refresh(entry: Entry, who: string): Promise<void> {
    const { changeMarker } = this.options;
    if (changeMarker && !entry.doubtful && entry.marker !== undefined && (await changeMarker()) === entry.marker) {
      entry.fetchedAt = this.now();
      return;
    }
    await (entry.recount ?? this.recount(entry, who));
  }

  /** A row this replica has just stored. */
  recordInsert(order: { dateUuid: string; userId: string; storeCode: string; orderDate: Date }): void {
    const fold = this.options.foldText ?? ((text: string) => text);
    for (const entry of this.entries.values()) {
      if (!matches(entry.filter, order, fold)) continue;
      entry.writes += 1;
      if (entry.value !== undefined) entry.value += 1;
    }
  }

  private recount(entry: Entry, who: string): Promise<number> {
    const writesBefore = entry.writes;
    const counting = async (): Promise<[number, number | undefined]> => {
      // The marker is read first: a write by others during the count then shows at the next refresh.
      const marker = await this.options.changeMarker?.();
      return [await this.countRows(entry.filter, who), marker];
    };
    const recount = counting().then(
      ([counted, markerBefore]) => {
        entry.marker = markerBefore;
        entry.recount = undefined;
        const clashed = entry.writes !== writesBefore;
        const first = entry.value === undefined;
        if (clashed && !first && entry.clashes < MAX_CLASHES) {
          entry.clashes += 1;
        } else {
          entry.value = counted;
          entry.clashes = 0;
          // A count that raced an insert may or may not include it; only another count can tell.
          entry.doubtful = clashed;
        }
        // A first count that clashed may have missed a row: serve it, but recount at once.
        entry.fetchedAt = clashed && first ? Number.NEGATIVE_INFINITY : this.now();
        return entry.value!;
      },
      (error: unknown) => {
        entry.recount = undefined;
        throw error;
      },
    );
    entry.recount = recount;
    return recount;
  }

  private evictLeastRecentlyUsed(): void {
    while (this.entries.size > this.maxEntries) {
      const leastRecent = this.entries.keys().next().value as string;
      this.entries.delete(leastRecent);
    }
  }
}

function matches(filter: OrderFilterValues, order: { dateUuid: string; userId: string; storeCode: string; orderDate: Date }, fold: (text: string) => string): boolean {
  return (
    (filter.userId === undefined || fold(filter.userId) === fold(order.userId)) &&
    (filter.storeCode === undefined || fold(filter.storeCode) === fold(order.storeCode)) &&
    (filter.dateUuid === undefined || filter.dateUuid === order.dateUuid) &&
    (filter.orderDateFrom === undefined || order.orderDate >= filter.orderDateFrom) &&
    (filter.orderDateTo === undefined || order.orderDate <= filter.orderDateTo)
  );
}
