/**
 * Fixed names and numbers that other parts rely on: Terraform's federated credentials bind
 * `system:serviceaccount:orders:orders`, the Dockerfile creates the user, the pipelines deploy
 * into the namespace.
 */
export const APP_NAME = "orders";
export const NAMESPACE = "orders";
export const SERVICE_ACCOUNT_NAME = APP_NAME;
export const CONFIG_MAP_NAME = `${APP_NAME}-config`;

/** The uid/gid the image runs as (the Dockerfile creates this user). */
export const RUN_AS_USER = 10001;
/** The only writable path in the container (the root filesystem is read-only). */
export const TMP_PATH = "/tmp";
/** Seconds that a container may take, after draining, to close connections and exit. */
export const EXIT_MARGIN_SECONDS = 5;
