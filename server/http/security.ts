import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppConfig } from "../config/config.js";
import { HEALTH_PATH, READY_PATH } from "../core/contracts.js";

export type SecuritySettings = Pick<AppConfig, "rateLimitPerMinute" | "corsOrigins">;

/**
 * The page's Content-Security-Policy: the client's own scripts, styles and API only. No inline
 * script or style is needed (the build emits none), so none is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The signed-in caller's subject, when the request has one (not with sign-in off: everyone is the same developer). */
function byCaller(request: FastifyRequest): string | undefined {
  const authentication = request.authentication;
  return authentication?.ok && authentication.via !== "off" ? authentication.caller.subject : undefined;
}

/** Who a request is, for limits and turns: per signed-in caller (staff behind one shop's address share nothing), per address otherwise. */
export function clientKey(request: FastifyRequest): string {
  const caller = byCaller(request);
  return caller ? `caller:${caller}` : `address:${request.ip}`;
}

/**
 * Headers, CORS and rate limiting. CORS is closed (no cross-origin browser calls) unless
 * CORS_ORIGINS lists origins; Apollo's CSRF prevention stays on either way. Rate limiting
 * counts requests per client address (see TRUST_PROXY) and spares the health probes.
 */
export async function registerSecurity(app: FastifyInstance, settings: SecuritySettings): Promise<void> {
  await app.register(cors, { origin: settings.corsOrigins.length > 0 ? settings.corsOrigins : false, methods: ["GET", "POST", "OPTIONS"] });
  // The Content-Security-Policy goes on the client's HTML (client-assets.ts); Apollo's
  // development explorer at /graphql loads from Apollo's CDN and could not work under it.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  if (settings.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: settings.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request) => request.url === HEALTH_PATH || request.url === READY_PATH,
      keyGenerator: clientKey,
      errorResponseBuilder: (request, context) => ({
        statusCode: 429,
        error: "Too Many Requests",
        message: `More than ${context.max} requests a minute from ${byCaller(request) ? "your account" : "this address"}: wait ${context.after} and try again.`,
      }),
    });
  }
}
