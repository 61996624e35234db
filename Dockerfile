# Orders: the GraphQL server and the web client it serves, as one image for AKS.
#
#   docker build -t orders:dev .
#   docker run --rm -p 5000:5000 orders:dev     # demo orders in a throwaway SQLite file under /tmp
#
# `deps` installs the production dependencies and compiles better-sqlite3 (a native module);
# `build` compiles the server and bundles the client; the final stage holds only their results,
# package.json (for "type": "module") and tini. CI builds it in pipelines/azure-pipelines.yml, and
# test/delivery/runtime-bundle.test.ts replays this file's COPY instructions to run the result.

# Node 24 LTS (maintained until April 2028) on Debian 13 "trixie", pinned to one release; CI runs
# the tests on the same version (NodeTool@0 in the pipeline; .ci/run reads the version from here).
FROM node:24.22.3-trixie-slim AS base
WORKDIR /app

FROM base AS deps
# node-gyp needs python3, make and a C++ compiler; they stay in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# Compile native modules from the lockfile-verified sources against this image's own Node headers,
# rather than downloading prebuilt binaries or headers during the build.
ENV npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM base AS build
COPY package.json package-lock.json ./
# tsc and vite need no install scripts; the native modules the server loads come from `deps`.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY client ./client
RUN npm run build

FROM base AS runtime
# tini runs as PID 1: it hands SIGTERM to node, whose handler drains the requests in flight, and
# reaps zombies. Node as PID 1 would ignore SIGTERM until the handler is installed (during
# migrations and Key Vault reads), leaving Kubernetes to wait out the grace period and SIGKILL it.
# The app user is 10001:10001, as the Kubernetes securityContext sets. /app/data (the default
# SQLite location) points at /tmp, the one writable place under a read-only root filesystem.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 orders \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin orders \
    && ln -s /tmp /app/data
# V8 sizes its young generation from the machine's memory; on Node 24 that let the server's peak
# RSS reach 355-437 MB under `npm run bench` (Node 20: about 220). Semi-spaces of 8 MB take about
# 5% of throughput and, with the old generation's growth that dist/server/main.js sets, keep the
# peak near 230-270 MB. The bench starts the server with this same ENV. main.js also keeps Node's
# compile cache in /tmp (the pod's emptyDir, about 8 MB), so a restarted container starts faster.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=8
# Owned by root and read-only to the app user: the code cannot be changed by the process running it.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 10001:10001
EXPOSE 5000
# For `docker run` only: Kubernetes ignores HEALTHCHECK and uses the probes from cdk8s.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/main.js"]
