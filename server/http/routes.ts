/**
 * The HTTP surface other parts depend on (cdk8s probes, the Dockerfile, tests).
 * Import these instead of retyping the paths.
 */
export const GRAPHQL_PATH = "/graphql";
/** Liveness: answers while the process runs; never touches the database. */
export const HEALTH_PATH = "/healthz";
/** Readiness: 200 when the database answers, 503 when it does not. */
export const READY_PATH = "/readyz";
/** The port the old Flask app listened on; the container exposes it. */
export const DEFAULT_PORT = 5000;
