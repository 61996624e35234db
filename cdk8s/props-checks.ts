/** The construct's props, checked before anything is synthesised: each problem says how to mend it. */
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
