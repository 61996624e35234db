import type { EnvVariable } from "../core/contracts.js";

export type Env = Record<string, string | undefined>;

/**
 * Reads values from the environment and notes each problem instead of stopping at the first,
 * so that one failed start names them all. Only the variables of the runtime contract
 * (core/contracts.ts) can be read: a misspelt name is a type error.
 */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(name: EnvVariable): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  int(name: EnvVariable, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: EnvVariable, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = raw.toLowerCase() as T;
    if (!allowed.includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(", ")} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: EnvVariable, fallback: boolean): boolean {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(raw)) return true;
    if (/^(false|no|off|0)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  list(name: EnvVariable): string[] {
    return (this.text(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }

  httpsUrl(name: EnvVariable): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === "https:") return url.origin + "/";
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an https URL such as https://my-vault.vault.azure.net/ (got "${raw}")`);
    return undefined;
  }
}
