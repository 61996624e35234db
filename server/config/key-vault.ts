/**
 * Azure SQL settings from Key Vault, read once at start-up (never at import time, so the
 * service starts anywhere without Azure). Secrets are fetched in parallel, each bounded by a
 * timeout; the SDK retries throttling (429) and server errors (5xx) with exponential backoff.
 * A failure stops start-up with one message that names the vault, each secret and the cause,
 * and never a secret's value.
 */
import type { TokenCredential } from "@azure/core-auth";
import {
  AzureCliCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { SecretClient, type SecretClientOptions } from "@azure/keyvault-secrets";
import type { Logger } from "../logging/logger.js";
import type { AzureCredentialKind, SecretKey } from "../core/contracts.js";
import { type KeyVaultSource, requiredSettings } from "./database-source.js";
import type { KeyVaultAccess } from "./key-vault-access.js";
import { entraAuth, type MssqlSettings } from "./database-url.js";

/** Retries inside each secret's time budget: about 0.5 s, 1 s, 2 s, 4 s (with jitter), as the SDK counts them. */
const RETRY_OPTIONS = { maxRetries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 8_000 };

export class KeyVaultError extends Error {
  constructor(
    readonly vaultUrl: string,
    readonly problems: string[],
    what = "the Azure SQL settings",
  ) {
    super(`Cannot read ${what} from Key Vault ${vaultUrl}:\n` + problems.map((problem) => `  - ${problem}`).join("\n"));
    this.name = "KeyVaultError";
  }
}

/**
 * The single credential that AZURE_CREDENTIAL names. "default" tries several in turn (handy on
 * a laptop: `az login`); production names one, so that start-up is deterministic and fast.
 */
function createCredential(kind: AzureCredentialKind, clientId?: string): TokenCredential {
  switch (kind) {
    case "workload":
      return new WorkloadIdentityCredential(clientId ? { clientId } : {});
    case "managed":
      return new ManagedIdentityCredential(clientId ? { clientId } : {});
    case "cli":
      return new AzureCliCredential();
    case "default":
      return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {});
  }
}

export interface KeyVaultDependencies {
  logger: Logger;
  /** Tests pass a stand-in credential; production builds the one AZURE_CREDENTIAL names. */
  credential?: TokenCredential;
  /** Extra SDK options (tests trust a local vault's certificate with tlsOptions). */
  clientOptions?: SecretClientOptions;
}

/** Which settings must come from the vault: those the environment does not give. */
function secretsToFetch(source: KeyVaultSource): SecretKey[] {
  return requiredSettings(source.auth).filter((key) => source.given[key] === undefined);
}

/**
 * Reads secrets in parallel, each within the access's time budget. Any failure stops with one
 * KeyVaultError naming the vault, each failed secret and its cause (never a value).
 */
async function readSecrets<K extends string>(
  access: KeyVaultAccess,
  names: Record<K, string>,
  keys: readonly K[],
  deps: KeyVaultDependencies,
  what: string,
): Promise<Partial<Record<K, string>>> {
  const credential = deps.credential ?? createCredential(access.credential, access.clientId);
  const client = new SecretClient(access.vaultUrl, credential, { retryOptions: RETRY_OPTIONS, ...deps.clientOptions });
  const started = Date.now();
  const results = await Promise.allSettled(
    keys.map(async (key) => {
      const secret = await client.getSecret(names[key], { abortSignal: AbortSignal.timeout(access.timeoutMs) });
      const value = secret.value?.trim();
      if (!value) throw new EmptySecretError();
      return value;
    }),
  );
  const values: Partial<Record<K, string>> = {};
  const problems: string[] = [];
  results.forEach((result, i) => {
    const key = keys[i]!;
    if (result.status === "fulfilled") values[key] = result.value;
    else problems.push(`secret "${names[key]}" (${key}): ${describeFailure(result.reason, access)}`);
  });
  if (problems.length > 0) throw new KeyVaultError(access.vaultUrl, problems, what);
  deps.logger.info({ vault: access.vaultUrl, secrets: keys.map((key) => names[key]), ms: Date.now() - started }, `read ${what} from Key Vault`);
  return values;
}

export async function readKeyVaultSettings(source: KeyVaultSource, deps: KeyVaultDependencies): Promise<MssqlSettings> {
  const values = { ...source.given, ...(await readSecrets(source, source.secretNames, secretsToFetch(source), deps, "the Azure SQL settings")) };
  return {
    kind: "mssql",
    server: values.server!,
    port: source.port,
    database: values.database!,
    auth: source.auth === "entra" ? entraAuth(source.clientId) : { type: "sql", user: values.username!, password: values.password! },
    encrypt: true,
    trustServerCertificate: false,
  };
}

/** SESSION_SECRET from its Key Vault secret (production: Terraform writes it, no one reads it). */
export async function readSessionSecret(keyVault: KeyVaultAccess, secretName: string, deps: KeyVaultDependencies): Promise<string> {
  const { session } = await readSecrets(keyVault, { session: secretName }, ["session"], deps, "the session secret");
  if (Buffer.byteLength(session!) < 32) {
    throw new KeyVaultError(keyVault.vaultUrl, [`secret "${secretName}" (session): it must be at least 32 bytes`], "the session secret");
  }
  return session!;
}

class EmptySecretError extends Error {}

/** The cause of a failed read, in words a person can act on. Never includes a secret's value (none is held here). */
function describeFailure(error: unknown, source: KeyVaultAccess): string {
  if (error instanceof EmptySecretError) return "the secret exists but is empty: give it a value";
  const { name, statusCode, code, message } = (error ?? {}) as { name?: string; statusCode?: number; code?: string; message?: string };
  const firstLine = (message ?? String(error)).split("\n")[0]!.slice(0, 300);
  if (name === "AbortError" || name === "TimeoutError") {
    return `the vault did not answer within ${source.timeoutMs} ms (KEY_VAULT_TIMEOUT_MS); check the URL and the network path to it`;
  }
  if (name === "CredentialUnavailableError" || name === "AuthenticationError" || name === "AggregateAuthenticationError") {
    return `no Azure credential could sign in (AZURE_CREDENTIAL=${source.credential}): ${firstLine}`;
  }
  if (statusCode === 404 || code === "SecretNotFound") {
    return "no such secret in this vault: create it, or name the right one with KEY_VAULT_SECRET_*";
  }
  if (statusCode === 403) {
    return `access refused (403): give the app's identity the "Key Vault Secrets User" role on this vault (${firstLine})`;
  }
  if (statusCode === 401) {
    return `the vault refused the identity's token (401): is the identity in the vault's tenant? (${firstLine})`;
  }
  if (statusCode === 429 || (statusCode !== undefined && statusCode >= 500)) {
    return `the vault kept failing (HTTP ${statusCode}) after retries: ${firstLine}`;
  }
  if (code && /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH)$/.test(code)) {
    return `the vault cannot be reached (${code}): check KEY_VAULT_URL and the network`;
  }
  return firstLine;
}
