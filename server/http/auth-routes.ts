/**
 * The browser's sign-in routes: /auth/login, /auth/callback, POST /auth/logout and /auth/me.
 * With sign-in off, /auth/me still answers (the local developer, and that sign-in is off), so
 * the client can say so; the others say that sign-in is off.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { SignInError, type SignInFlow } from "../auth/sign-in-flow.js";
import { IdentityProviderUnavailableError } from "../auth/identity-provider.js";
import { canRead, canWrite } from "../core/caller.js";
import { AUTH_PATHS } from "../core/contracts.js";

export interface AuthRoutesOptions {
  mode: "oidc" | "off";
  /** The OpenID Connect flow; absent when sign-in is off. */
  flow?: SignInFlow;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A short page for a sign-in that could not complete: what happened, and a way to try again. */
function signInProblem(reply: FastifyReply, status: number, message: string): FastifyReply {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in did not complete · Orders</title>
<main style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>Sign-in did not complete</h1><p>${escapeHtml(message)}</p><p><a href="${AUTH_PATHS.login}">Sign in again</a></p></main></html>`;
  return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body);
}

function redirect(reply: FastifyReply, location: string, cookies: string[], status: 302 | 303): FastifyReply {
  return reply.header("set-cookie", cookies).header("cache-control", "no-store").redirect(location, status);
}

export function registerAuthRoutes(app: FastifyInstance, { mode, flow }: AuthRoutesOptions): void {
  app.get(AUTH_PATHS.me, async (request, reply) => {
    const authentication = request.authentication;
    // Unreachable without a caller (access.ts answers 401 first); kept for the type.
    if (!authentication?.ok) return reply.code(401).send({ error: "not signed in" });
    const { caller } = authentication;
    reply.header("cache-control", "no-store");
    return { name: caller.name, roles: caller.roles, canRead: canRead(caller), canWrite: canWrite(caller), signIn: mode };
  });

  if (!flow) {
    const off = async (_request: unknown, reply: FastifyReply) =>
      reply.code(404).type("text/plain; charset=utf-8").send("Sign-in is off (AUTH_MODE=off): there is nothing to sign in to.");
    app.get(AUTH_PATHS.login, off);
    app.get(AUTH_PATHS.callback, off);
    app.post(AUTH_PATHS.logout, off);
    return;
  }

  app.get<{ Querystring: { returnTo?: string } }>(AUTH_PATHS.login, async (request, reply) => {
    try {
      const { location, cookies } = await flow.begin(request.query.returnTo);
      return redirect(reply, location, cookies, 302);
    } catch (error) {
      if (!(error instanceof IdentityProviderUnavailableError)) throw error;
      request.log.warn({ err: { message: error.message } }, "sign-in could not start");
      return signInProblem(reply, 503, "The identity provider does not answer just now. Try again in a moment.");
    }
  });

  app.get(AUTH_PATHS.callback, async (request, reply) => {
    const query = new URLSearchParams(request.url.split("?")[1] ?? "");
    try {
      const { location, cookies } = await flow.finish(query, request.headers.cookie);
      request.log.info("signed in");
      return redirect(reply, location, cookies, 302);
    } catch (error) {
      if (error instanceof SignInError) {
        request.log.warn({ reason: error.message, cause: (error.cause as Error | undefined)?.message }, "sign-in failed");
        return signInProblem(reply, 400, error.message);
      }
      if (error instanceof IdentityProviderUnavailableError) return signInProblem(reply, 503, "The identity provider does not answer just now. Try again in a moment.");
      throw error;
    }
  });

  // Sign Out is a plain HTML form (it works before any script loads): its body says nothing and is not read.
  void app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", (_request, _payload, done) => done(null, undefined));
    scope.post(AUTH_PATHS.logout, async (request, reply) => {
      const { location, cookies } = await flow.signOut(request.headers.cookie);
      request.log.info("signed out");
      // The web client asks with fetch and goes on itself; a plain form follows the redirect.
      if (String(request.headers.accept ?? "").includes("application/json")) {
        return reply.header("set-cookie", cookies).header("cache-control", "no-store").send({ location });
      }
      return redirect(reply, location, cookies, 303);
    });
  });
}
