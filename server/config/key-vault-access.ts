import { AZURE_CREDENTIALS, type AzureCredentialKind } from "../core/contracts.js";
import type { EnvReader } from "./env-reader.js";

/** How to reach the Key Vault that KEY_VAULT_URL names: for the Azure SQL settings and the session secret. */
export interface KeyVaultAccess {
  vaultUrl: string;
  credential: AzureCredentialKind;
  /** For a user-assigned managed identity (AZURE_CLIENT_ID). */
  clientId?: string;
  /** Per secret, retries included. */
  timeoutMs: number;
}

export function readKeyVaultAccess(read: EnvReader): KeyVaultAccess | undefined {
  if (read.text("KEY_VAULT_URL") === undefined) return undefined;
  const clientId = read.text("AZURE_CLIENT_ID");
  return {
    // An invalid URL is reported by httpsUrl; the placeholder never leaves the failed config.
    vaultUrl: read.httpsUrl("KEY_VAULT_URL") ?? "https://invalid.vault.azure.net/",
    credential: read.oneOf("AZURE_CREDENTIAL", AZURE_CREDENTIALS, "default"),
    ...(clientId ? { clientId } : {}),
    timeoutMs: read.int("KEY_VAULT_TIMEOUT_MS", 10_000, 100, 300_000),
  };
}

/** Key Vault secret names: 1-127 characters, letters, digits and dashes. */
export function isSecretName(name: string): boolean {
  return /^[0-9a-zA-Z-]{1,127}$/.test(name);
}
