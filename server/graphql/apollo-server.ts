import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import type { GraphQLLimits } from "../config/config.js";
import type { GraphQLContext } from "./context.js";
import { createFormatError } from "./errors.js";
import { jitGateway } from "./jit-executor.js";
import { graphqlLimits } from "./limits.js";
import { requestErrorsPlugin } from "./request-errors.plugin.js";
import { buildOrdersSchema } from "./schema.js";

export interface GraphQLServerOptions {
  production: boolean;
  limits: GraphQLLimits;
  /** Plugins of the HTTP server that hosts it (Fastify's drain plugin). */
  plugins?: ApolloServerPlugin<GraphQLContext>[];
}

/** The GraphQL API with its protections: limits, error shaping, no batching, no introspection in production. */
export async function createGraphQLServer({ production, limits, plugins = [] }: GraphQLServerOptions): Promise<ApolloServer<GraphQLContext>> {
  const limit = graphqlLimits(limits);
  const apollo = new ApolloServer<GraphQLContext>({
    // Our own schema, executed compiled (see jit-executor.ts).
    gateway: jitGateway(await buildOrdersSchema()),
    formatError: createFormatError({ production }),
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    allowBatchedHttpRequests: false,
    parseOptions: limit.parseOptions,
    validationRules: limit.validationRules,
    plugins: [
      ...plugins,
      requestErrorsPlugin(),
      limit.plugin,
      // We set no cache hints; the plugin's per-field wrapper costs about a tenth of a request.
      ApolloServerPluginCacheControlDisabled(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  return apollo;
}
