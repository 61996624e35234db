import type { Logger } from "../logging/logger.js";
import type { DatabaseSource } from "./database-source.js";
import type { DatabaseSettings } from "./database-url.js";
import type { KeyVaultDependencies } from "./key-vault.js";

/**
 * The database to open: as configured, or completed from Key Vault. The Azure SDK is loaded
 * only when Key Vault is used (it takes about half a second to load).
 */
export async function resolveDatabaseSettings(
  source: DatabaseSource,
  deps: Partial<KeyVaultDependencies> & { logger: Logger },
): Promise<DatabaseSettings> {
  if (source.from !== "KEY_VAULT_URL") return source.settings;
  const { readKeyVaultSettings } = await import("./key-vault.js");
  return readKeyVaultSettings(source.keyVault, deps);
}
