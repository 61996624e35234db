/** The construct's props, checked before anything is synthesised: each problem says how to mend it. */
import { BlockList, isIPv4 } from "node:net";
import type { AutoscalingProps, ContainerResources } from "./orders-service.js";
import { EXIT_MARGIN_SECONDS } from "./names.js";

export function checkTermination(
  preStopSleepSeconds: number,
  shutdownTimeoutMs: number,
  terminationGracePeriodSeconds: number,
): void {
  for (const [name, value] of Object.entries({ preStopSleepSeconds, shutdownTimeoutMs, terminationGracePeriodSeconds })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`OrdersService: ${name} must be a whole number ≥ 0, got ${value}`);
  }
  const needed = preStopSleepSeconds + Math.ceil(shutdownTimeoutMs / 1000) + EXIT_MARGIN_SECONDS;
  if (needed > terminationGracePeriodSeconds) {
    throw new Error(
      `OrdersService: terminationGracePeriodSeconds ${terminationGracePeriodSeconds} is too short: the preStop sleep ` +
        `(${preStopSleepSeconds} s), the drain (SHUTDOWN_TIMEOUT_MS ${shutdownTimeoutMs}) and ${EXIT_MARGIN_SECONDS} s ` +
        `to exit need ${needed} s; raise it or shorten the drain`,
    );
  }
}

export function checkResources(resources: ContainerResources): void {
  for (const key of ["cpu", "memory"] as const) {
    const request = parseQuantity(resources.requests[key]);
    const limit = parseQuantity(resources.limits[key]);
    if (request === undefined || limit === undefined) {
      throw new Error(
        `OrdersService: ${key} request "${resources.requests[key]}" or limit "${resources.limits[key]}" ` +
          'is not a Kubernetes quantity (e.g. "250m", "1", "512Mi")',
      );
    }
    if (request > limit) {
      throw new Error(`OrdersService: ${key} request ${resources.requests[key]} exceeds its limit ${resources.limits[key]}`);
    }
  }
}

export function checkAutoscaling({ minReplicas, maxReplicas, targetCpuUtilizationPercent }: AutoscalingProps): void {
  if (!Number.isInteger(minReplicas) || !Number.isInteger(maxReplicas) || minReplicas < 1 || maxReplicas < minReplicas) {
    throw new Error(`OrdersService: autoscaling needs 1 ≤ minReplicas ≤ maxReplicas, got ${minReplicas}..${maxReplicas}`);
  }
  if (!(targetCpuUtilizationPercent > 0 && targetCpuUtilizationPercent <= 100)) {
    throw new Error(`OrdersService: targetCpuUtilizationPercent must be in 1..100, got ${targetCpuUtilizationPercent}`);
  }
}

const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** The subset of Kubernetes quantities that resource requests use; undefined when malformed. */
export function parseQuantity(quantity: string): number | undefined {
  const match = QUANTITY.exec(quantity);
  if (!match) return undefined;
  return Number(match[1]) * QUANTITY_FACTORS[match[2] ?? ""]!;
}

/** Label values: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(value);
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A Key Vault's host: a 3–24 character name (letters, digits, single hyphens) in one of Azure's clouds. */
const VAULT_HOST = String.raw`[a-z](?:[a-z0-9]|-(?!-)){1,22}[a-z0-9]\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)`;
/** `https://<vault>.vault.azure.net/`, lower case. */
export const KEY_VAULT_URL = new RegExp(`^https://${VAULT_HOST}/?$`);
/**
 * `https://<vault>.vault.azure.net/certificates/<name>[/<version>]`. The application routing
 * operator takes the vault from the host and the name (and version) from the path.
 */
export const KEY_VAULT_CERTIFICATE_URI = new RegExp(`^https://${VAULT_HOST}/certificates/[0-9a-z-]{1,127}(?:/[0-9a-f]{32})?$`, "i");

/** An IPv4 range such as `203.0.113.0/24`, prefix 1–32 (so never everything). */
export function isIPv4Cidr(text: string): boolean {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  return match !== null && isIPv4(match[1]!) && Number(match[2]) >= 1 && Number(match[2]) <= 32;
}

/** The address ranges of RFC 1918, which no internet service uses. */
export const PRIVATE_IPV4_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

const PRIVATE_IPV4 = new BlockList();
for (const range of PRIVATE_IPV4_RANGES) {
  const [network, prefix] = range.split("/") as [string, string];
  PRIVATE_IPV4.addSubnet(network, Number(prefix), "ipv4");
}

export function isPrivateIPv4(address: string): boolean {
  return isIPv4(address) && PRIVATE_IPV4.check(address, "ipv4");
}

/** DNS names a Gateway listener accepts: lower-case labels, at least two, not an address. */
export function isHostName(name: string): boolean {
  return (
    name.length <= 253 &&
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(name)
  );
}
