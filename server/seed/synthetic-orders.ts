/**
 * Realistic synthetic orders, the same for the same seed: repeat customers, a few hundred
 * stores and a thousand products in the legacy data's code formats, Luhn-valid card numbers
 * from real issuer prefixes (stored truncated, like every new order), order dates spread over
 * three years with many orders on each day (so pagination's tie-breaker is exercised), and
 * shipping a few days later.
 */
import { luhnCheckDigit, truncateCardForStorage } from "../core/card-number.js";
import type { StoredOrder } from "../core/order.js";

/** mulberry32: small, fast, good enough for test data, and reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DAY_MS = 86_400_000;

function hex8(random: () => number): string {
  return Math.floor(random() * 4_294_967_296)
    .toString(16)
    .padStart(8, "0");
}

/** A version-4 UUID drawn from the stream. */
function uuid(random: () => number): string {
  const a = hex8(random);
  const b = hex8(random);
  const c = hex8(random);
  const d = hex8(random);
  const variant = "89ab"[parseInt(c[0]!, 16) & 3]!;
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function digits(random: () => number, count: number): string {
  let out = "";
  for (let i = 0; i < count; i += 1) out += Math.floor(random() * 10);
  return out;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const CARD_PREFIXES: ReadonlyArray<{ prefix: string; length: number }> = [
  { prefix: "4", length: 16 }, // Visa
  { prefix: "51", length: 16 }, // Mastercard
  { prefix: "55", length: 16 },
  { prefix: "2221", length: 16 },
  { prefix: "34", length: 15 }, // American Express
  { prefix: "37", length: 15 },
  { prefix: "6011", length: 16 }, // Discover
  { prefix: "3528", length: 16 }, // JCB
  { prefix: "4", length: 13 },
  { prefix: "5018", length: 12 }, // Maestro
];

/** A Luhn-valid card number with a real issuer prefix. */
export function syntheticCardNumber(random: () => number): string {
  const { prefix, length } = pick(random, CARD_PREFIXES);
  const body = prefix + digits(random, length - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

export interface SyntheticOrderOptions {
  seed: number;
  /** The last day orders fall on (UTC midnight of it); they spread over the three years before. */
  until: Date;
}

/** An endless, reproducible stream of orders. */
export function* syntheticOrders({ seed, until }: SyntheticOrderOptions): Generator<StoredOrder> {
  const random = createRandom(seed);
  // Fixed pools, drawn from their own stream so that they do not depend on how many orders are made.
  const pools = createRandom(seed ^ 0x5eed);
  const users = Array.from({ length: 20_000 }, () => uuid(pools));
  const stores = [
    "WEB-1388012W",
    ...Array.from({ length: 450 }, () => `${pick(pools, ["BL", "GL", "NY", "LA", "LN", "DE", "FR", "US"])}-${digits(pools, 7)}${pick(pools, UPPER.split(""))}`),
  ];
  const products = Array.from(
    { length: 1_000 },
    () => `${pick(pools, UPPER.split(""))}${digits(pools, 1)}-${digits(pools, 7)}${pick(pools, "abcdefghijklmnopqrstuvwxyz".split(""))}`,
  );
  const lastDay = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  const days = 3 * 365;
  for (;;) {
    // A skew towards regular customers: a tenth of the users place half of the orders.
    const user = random() < 0.5 ? users[Math.floor(random() * 2_000)]! : pick(random, users);
    const orderDate = new Date(lastDay - Math.floor(random() * days) * DAY_MS);
    const quantity = random() < 0.8 ? 1 + Math.floor(random() * 5) : 6 + Math.floor(random() * 45);
    yield {
      dateUuid: uuid(random),
      userId: user,
      cardNumber: truncateCardForStorage(syntheticCardNumber(random)),
      storeCode: random() < 0.3 ? stores[0]! : pick(random, stores),
      productCode: pick(random, products),
      productQuantity: quantity,
      orderDate,
      shippingDate: new Date(orderDate.getTime() + Math.floor(random() * 8) * DAY_MS),
    };
  }
}
