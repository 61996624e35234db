/**
 * Fixed names and numbers that other parts rely on: Terraform's federated credentials bind
 * `system:serviceaccount:orders:orders`, the Dockerfile creates the user, the pipelines deploy
 * into the namespace.
 */
export const APP_NAME = "orders";
export const NAMESPACE = "orders";
export const SERVICE_ACCOUNT_NAME = APP_NAME;
export const CONFIG_MAP_NAME = `${APP_NAME}-config`;
/** The ClusterIP Service's port (it forwards to the container's DEFAULT_PORT). */
export const SERVICE_PORT = 80;

/** The uid/gid the image runs as (the Dockerfile creates this user). */
export const RUN_AS_USER = 10001;
/** The only writable path in the container (the root filesystem is read-only). */
export const TMP_PATH = "/tmp";
/** Seconds that a container may take, after draining, to close connections and exit. */
export const EXIT_MARGIN_SECONDS = 5;

/**
 * The Gateway staff come in through. Istio names what it deploys for it `<name>-approuting-istio`
 * and labels those pods `gateway.networking.k8s.io/gateway-name: <name>`.
 */
export const GATEWAY_NAME = APP_NAME;
/**
 * The Gateway's own namespace. Istio's gateway pods are Istio's to shape (they need not meet the
 * "restricted" Pod Security profile the server's namespace enforces), so they run apart, under
 * "baseline"; the server's NetworkPolicies admit this namespace's gateway pods only.
 */
export const GATEWAY_NAMESPACE = `${APP_NAME}-gateway`;
/**
 * The service account the application routing operator reads the TLS certificate through. It must
 * live in the Gateway's namespace; Terraform's federated credential trusts
 * `system:serviceaccount:orders-gateway:orders-gateway-tls` (local gateway_tls_service_account).
 */
export const GATEWAY_TLS_SERVICE_ACCOUNT_NAME = `${APP_NAME}-gateway-tls`;
