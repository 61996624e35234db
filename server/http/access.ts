/**
 * Who may reach what, before any route runs: the Host header is one of ours (a hostile page
 * cannot rebind its own name to this server and use a staff browser against it), the caller is
 * known (a session cookie or a bearer token), the API and its exports answer only known callers
 * (401 otherwise), a signed-in browser's state-changing request comes from our own pages, and a
 * page load without a session goes through sign-in and back. The health probes stay open.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Authentication, Authenticator } from "../auth/authenticator.js";
import { IdentityProviderUnavailableError } from "../auth/identity-provider.js";
import { AUTH_PATHS, EXPORT_PATH_PREFIX, GRAPHQL_PATH, HEALTH_PATH, READY_PATH } from "../core/contracts.js";
import { callerErrorBody, ErrorCode } from "../graphql/errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling; set for every request that carries credentials, and every one that needs them. */
    authentication?: Authentication;
  }
}

export interface AccessOptions {
  authenticator: Authenticator;
  /** Host names this server answers (ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
  /** PUBLIC_URL's origin: where staff pages come from. */
  publicOrigin?: string;
}

const PROBES = new Set([HEALTH_PATH, READY_PATH]);

function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0]!;
}

/** The API and the exports: nothing without a known caller. */
function isProtected(path: string): boolean {
  return path === GRAPHQL_PATH || path.startsWith(EXPORT_PATH_PREFIX) || path === AUTH_PATHS.me;
}

/** A page of the web client (not a file under /assets/, not the API): staff must be signed in to get one. */
function isPage(request: FastifyRequest, path: string): boolean {
  return (
    request.method === "GET" &&
    !path.startsWith("/assets/") &&
    !path.startsWith("/auth/") &&
    !isProtected(path) &&
    !PROBES.has(path) &&
    String(request.headers.accept ?? "").includes("text/html")
  );
}

/**
 * The Host header's name, as the browser sent it: not X-Forwarded-Host, which a client may set
 * and a proxy may pass on (TRUST_PROXY makes Fastify believe it).
 */
function hostnameOf(request: FastifyRequest): string {
  const host = (request.headers.host ?? "").toLowerCase();
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.split(":")[0]!;
  return name;
}

function refuse(reply: FastifyReply, status: 401 | 403 | 421 | 503, code: string, message: string, requestId: string): FastifyReply {
  return reply.code(status).type("application/json; charset=utf-8").send(callerErrorBody(code, message, requestId));
}

export function registerAccess(app: FastifyInstance, { authenticator, allowedHosts, publicOrigin }: AccessOptions): void {
  const hosts = new Set(allowedHosts);
  app.decorateRequest("authentication", undefined);

  app.addHook("onRequest", async (request, reply) => {
    const path = pathOf(request);
    // Kubernetes probes ask for the pod's IP address.
    if (PROBES.has(path)) return;
    const hostname = hostnameOf(request);
    if (!hosts.has(hostname)) {
      return refuse(reply, 421, "MISDIRECTED_REQUEST", `This server does not answer for the host "${hostname.slice(0, 100)}": use its own address (ALLOWED_HOSTS).`, request.id);
    }

    const { authorization, cookie } = request.headers;
    // The client's files are the same for everyone: no session lookup for them.
    const wanted = !path.startsWith("/assets/") && (isProtected(path) || isPage(request, path) || authorization !== undefined || cookie !== undefined);
    if (!wanted || request.method === "OPTIONS") return;
    try {
      request.authentication = await authenticator.authenticate({ authorization, cookie });
    } catch (error) {
      if (!(error instanceof IdentityProviderUnavailableError)) throw error;
      request.log.warn({ err: { message: error.message } }, "identity provider unavailable");
      return refuse(reply, 503, "IDENTITY_PROVIDER_UNAVAILABLE", "Sign-in cannot be checked just now: the identity provider does not answer. Try again in a moment.", request.id);
    }
    const authentication = request.authentication;

    if (!authentication.ok) {
      if (isPage(request, path) && authenticator.mode === "oidc") {
        return reply.redirect(`${AUTH_PATHS.login}?returnTo=${encodeURIComponent(request.url)}`, 302);
      }
      if (isProtected(path)) {
        if (authentication.bearer) reply.header("www-authenticate", `Bearer error="invalid_token", error_description="${authentication.reason}"`);
        else reply.header("www-authenticate", 'Bearer realm="orders"');
        return refuse(reply, 401, ErrorCode.unauthenticated, `Not signed in: ${authentication.reason}.`, request.id);
      }
      return;
    }

    // A signed-in browser sends its cookie with any request to this site; a state-changing one
    // must come from our own pages (SameSite=Lax and Apollo's CSRF prevention already stop most).
    if (authentication.via === "session" && request.method !== "GET" && request.method !== "HEAD") {
      const origin = request.headers.origin;
      const crossSite = request.headers["sec-fetch-site"] === "cross-site";
      if (crossSite || (origin !== undefined && origin !== (publicOrigin ?? `${request.protocol}://${request.host}`))) {
        return refuse(reply, 403, ErrorCode.forbidden, "This request came from another site: it is refused.", request.id);
      }
    }
  });
}
