import type { Logger } from "../logging/logger.js";
import type { DatabaseSource } from "./config.js";
import type { DatabaseSettings } from "./database-url.js";
import { type KeyVaultDependencies, readKeyVaultSettings } from "./key-vault.js";

/** The database to open: as configured, or completed from Key Vault. */
export async function resolveDatabaseSettings(
  source: DatabaseSource,
  deps: KeyVaultDependencies & { logger: Logger },
): Promise<DatabaseSettings> {
  if (source.from !== "KEY_VAULT_URL") return source.settings;
  return readKeyVaultSettings(source.keyVault, deps);
}
