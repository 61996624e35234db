import { DEFAULT_PORT, type EnvVariable } from "../server/core/contracts.js";
import { TMP_PATH } from "./names.js";
import type { OrdersServiceProps } from "./orders-service.js";

/**
 * The server's environment, for the ConfigMap. Names are the server's own (core/contracts.ts): a
 * name it does not read is a type error.
 */
export function serverSettings(props: OrdersServiceProps, shutdownTimeoutMs: number): Partial<Record<EnvVariable, string>> {
  return {
    ...(props.signIn
      ? {
          NODE_ENV: "production",
          AUTH_MODE: "oidc",
          OIDC_ISSUER: props.signIn.issuer,
          OIDC_CLIENT_ID: props.signIn.clientId,
          OIDC_AUDIENCE: props.signIn.audience ?? props.signIn.clientId,
          PUBLIC_URL: props.signIn.publicUrl,
        }
      : { NODE_ENV: "development", AUTH_MODE: "off" }),
    PORT: String(DEFAULT_PORT),
    LOG_LEVEL: props.logLevel ?? "info",
    SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    ...(props.keyVault
      ? { KEY_VAULT_URL: props.keyVault.url, AZURE_CREDENTIAL: "workload", DB_AUTH: props.keyVault.dbAuth ?? "sql" }
      : { DATABASE_URL: `sqlite:${TMP_PATH}/orders.sqlite` }),
    // The gateway is the one hop in front, and the NetworkPolicies make it the only way to the
    // pods, so its X-Forwarded-For / -Proto are the only ones that can reach the server. Without
    // them anyone who reached a pod could pick the address the server sees (cdk8s/README.md).
    ...(props.gateway ? { TRUST_PROXY: "1" } : {}),
  };
}
