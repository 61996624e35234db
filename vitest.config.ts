import preact from "@preact/preset-vite";
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) builds; Vite would pick the ESM one for our
    // code while type-graphql and Apollo load the CommonJS one, and two copies of graphql
    // cannot share types. Everyone gets the CommonJS build, as under plain Node.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    // In CI, also a JUnit report (for Azure Pipelines) and a JSON one (for the totals .ci/run prints).
    ...(process.env.CI === "true"
      ? {
          reporters: ["default", "junit", "json"],
          outputFile: { junit: "test-results/junit.xml", json: "test-results/vitest.json" },
        }
      : {}),
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["server/**/*.test.ts", "cdk8s/**/*.test.ts", "test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        plugins: [preact()],
        test: {
          name: "client",
          environment: "happy-dom",
          include: ["client/**/*.test.{ts,tsx}"],
        },
      },
    ],
  },
});
