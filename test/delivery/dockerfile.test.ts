/**
 * The Dockerfile and .dockerignore, checked offline: dockerfile-utils' lint, then what the image
 * promises the cluster (cdk8s) and the runtime contract: a pinned slim Node base, non-root user
 * 10001, NODE_ENV=production, port 5000, tini in front of `node`, no build tools in the final
 * stage, and a build context that carries every input of the build and nothing else.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { RUN_AS_USER, TMP_PATH } from "../../cdk8s/names.js";
import { DEFAULT_PORT, HEALTH_PATH } from "../../server/core/contracts.js";
import {
  DOCKERFILE,
  DOCKERIGNORE,
  REPO_ROOT,
  type Stage,
  baseImageOf,
  envOf,
  execForm,
  findStage,
  instructionsOf,
  lintDockerfile,
  parseDockerfile,
  readDockerfile,
} from "./dockerfile.js";
import { contextFiles, parseDockerIgnore, readDockerIgnore } from "./dockerignore.js";

const dockerfile = readDockerfile();
const ignore = readDockerIgnore(DOCKERIGNORE);
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

/** A pinned official Node image: an exact release on a Debian slim variant, optionally with a digest. */
const PINNED_NODE_IMAGE = /^node:(?<version>\d+\.\d+\.\d+)-(?<distro>bookworm|trixie)-slim(?:@sha256:[a-f0-9]{64})?$/;

function runs(stage: Stage): string[] {
  return instructionsOf(stage, "RUN").map((instruction) => instruction.content.replace(/\s+/g, " "));
}

function stageNamed(name: string): Stage {
  const stage = findStage(dockerfile, name);
  if (!stage) throw new Error(`the Dockerfile has no stage named ${name}`);
  return stage;
}

/** `>=20.19 <21 || >=22.12` style ranges, as package.json "engines" writes them. */
function satisfies(version: string, range: string): boolean {
  const parse = (text: string): number[] => text.split(".").map(Number).concat(0, 0, 0).slice(0, 3);
  const compare = (a: number[], b: number[]): number => a.reduce((result, part, i) => result || part - b[i]!, 0);
  const actual = parse(version);
  return range.split("||").some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const [, operator, bound] = /^(>=|<=|>|<|=)?(\d+(?:\.\d+){0,2})$/.exec(comparator) ?? [];
        if (!bound) throw new Error(`cannot read the engines comparator "${comparator}"`);
        const order = compare(actual, parse(bound));
        return { ">=": order >= 0, "<=": order <= 0, ">": order > 0, "<": order < 0, "=": order === 0 }[operator ?? "="]!;
      }),
  );
}

describe("Dockerfile", () => {
  it("passes dockerfile-utils' lint with no finding", () => {
    expect(lintDockerfile(readFileSync(DOCKERFILE, "utf8"))).toEqual([]);
  });

  it("and the lint can fail", () => {
    expect(lintDockerfile("FROM node:20.20.2-bookworm-slim\nEXPOSE http\nCMD node")).not.toEqual([]);
  });

  it("builds in stages and ends with the runtime stage", () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(["base", "deps", "build", "runtime"]);
  });

  it("starts every stage from one Node 24 LTS slim image pinned to a release that package.json's engines accept", () => {
    const bases = new Set(dockerfile.stages.map((stage) => baseImageOf(dockerfile, stage)));
    expect(bases.size, [...bases].join(", ")).toBe(1);
    const [image] = [...bases];
    const pinned = PINNED_NODE_IMAGE.exec(image!);
    expect(pinned, `${image} is not node:<x.y.z>-<debian>-slim`).not.toBeNull();
    const version = pinned!.groups!.version!;
    expect(version.split(".")[0]).toBe("24");
    expect(satisfies(version, packageJson.engines.node), `${version} vs engines ${packageJson.engines.node}`).toBe(true);
  });

  it("installs production dependencies only, compiling native modules with build tools that stay in that stage", () => {
    const deps = stageNamed("deps");
    expect(runs(deps).some((command) => /\bapt-get install\b.* python3 .*\bmake .*\bg\+\+( |$)/.test(command))).toBe(true);
    expect(runs(deps)).toContain("npm ci --omit=dev --no-audit --no-fund");
    expect(envOf(dockerfile, deps).npm_config_build_from_source).toBe("true");
  });

  it("builds the server and the client in the build stage", () => {
    expect(runs(stageNamed("build"))).toContain("npm run build");
    expect(packageJson.scripts.build).toBe("npm run build:server && npm run build:client");
  });

  describe("runtime stage", () => {
    const runtime = dockerfile.runtime;

    it("runs as the non-root uid/gid the Kubernetes securityContext sets, numerically", () => {
      expect(instructionsOf(runtime, "USER").at(-1)?.args).toEqual([`${RUN_AS_USER}:${RUN_AS_USER}`]);
      const setup = runs(runtime).join(" && ");
      expect(setup).toContain(`groupadd --gid ${RUN_AS_USER} `);
      expect(setup).toContain(`useradd --uid ${RUN_AS_USER} --gid ${RUN_AS_USER} `);
    });

    it("sets NODE_ENV=production and exposes the server's default port", () => {
      expect(envOf(dockerfile, runtime).NODE_ENV).toBe("production");
      expect(instructionsOf(runtime, "EXPOSE").flatMap((instruction) => instruction.args)).toEqual([String(DEFAULT_PORT)]);
    });

    it("starts node directly behind tini, in exec form, so SIGTERM reaches the server's drain", () => {
      expect(runs(runtime).some((command) => /\bapt-get install\b[^&]*\btini\b/.test(command))).toBe(true);
      expect(execForm(runtime, "ENTRYPOINT")).toEqual(["/usr/bin/tini", "--"]);
      expect(execForm(runtime, "CMD")).toEqual(["node", "dist/server/main.js"]);
      expect(instructionsOf(runtime, "STOPSIGNAL").map((instruction) => instruction.args[0])).not.toContain("SIGKILL");
      const tsconfigBuild = JSON.parse(readFileSync(join(REPO_ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions: { outDir: string; rootDir: string } };
      // server/main.ts compiles to dist/server/main.js: outDir "dist" with rootDir ".".
      expect(tsconfigBuild.compilerOptions).toMatchObject({ outDir: "dist", rootDir: "." });
    });

    it("can point the default SQLite location at /tmp, the one writable path under a read-only root filesystem", () => {
      expect(runs(runtime).join(" && ")).toContain(`ln -s ${TMP_PATH} /app/data`);
    });

    it("holds no compiler, and copies only built files and package.json, never the whole context", () => {
      expect(runs(runtime).join(" ")).not.toMatch(/(?<![\w.-])(python3|make|g\+\+|gcc|build-essential)(?![\w.-])/);
      const copies = instructionsOf(runtime, "COPY");
      for (const copy of copies) {
        const sources = copy.args.slice(0, -1);
        expect(sources, `line ${copy.line}`).not.toContain(".");
        if (!copy.flags.from) expect(sources, `line ${copy.line}: from the context`).toEqual(["package.json"]);
      }
      expect(copies.map((copy) => `${copy.flags.from ?? "context"}:${copy.args.slice(0, -1).join(",")}`)).toEqual([
        "context:package.json",
        "deps:/app/node_modules",
        "build:/app/dist",
      ]);
    });

    it("has a HEALTHCHECK for docker run on the liveness path and default port", () => {
      const [healthcheck] = instructionsOf(runtime, "HEALTHCHECK");
      expect(healthcheck?.content).toMatch(/CMD \["node", "-e", /);
      expect(healthcheck?.content).toContain(HEALTH_PATH);
      expect(healthcheck?.content).toContain(`|| ${DEFAULT_PORT})`);
    });
  });

  it("has no ADD, no latest tag and no secret-looking build arguments or variables", () => {
    const all = dockerfile.stages.flatMap((stage) => stage.instructions);
    expect(all.filter((instruction) => instruction.keyword === "ADD")).toEqual([]);
    expect(dockerfile.stages.map((stage) => stage.from).filter((from) => /:latest\b/.test(from) || from === "node")).toEqual([]);
    const names = all.filter((instruction) => ["ARG", "ENV"].includes(instruction.keyword)).flatMap((instruction) => Object.keys(instruction.properties));
    expect(names.filter((name) => /password|secret|token|credential|(^|_)key($|_)/i.test(name))).toEqual([]);
  });

  it("refuses a shell-form CMD, which would put /bin/sh between tini and node", () => {
    const shellForm = parseDockerfile("FROM node:20.20.2-bookworm-slim\nCMD node dist/server/main.js\n");
    expect(() => execForm(shellForm.runtime, "CMD")).toThrow(/shell form/);
  });
});

describe(".dockerignore", () => {
  const context = contextFiles(REPO_ROOT, ignore);

  it("leaves out dependencies, build output, local data, tests, secrets and infrastructure state", () => {
    for (const path of [
      "node_modules/fastify/package.json",
      "dist/server/main.js",
      "data/orders.sqlite",
      "test/api/orders-api.test.ts",
      "test-results/junit.xml",
      "coverage/cobertura-coverage.xml",
      ".env",
      ".env.production",
      ".git/HEAD",
      "terraform/terraform.tfstate",
      "terraform/terraform.tfvars",
      "terraform/.terraform/providers/x",
      "cdk8s/dist/orders-prod.k8s.yaml",
      "server/core/order-rules.test.ts",
      "client/src/App.test.tsx",
      "server/.env",
      "client/node_modules/x/index.js",
    ]) {
      expect(ignore.excludes(path), path).toBe(true);
    }
  });

  it("sends no file from those places in the actual build context", () => {
    const leaked = context.filter((path) => /^(node_modules|dist|data|test|test-results|coverage|terraform|cdk8s|pipelines|\.git)\/|\.test\.|\.env|\.tfstate|\.sqlite/.test(path));
    expect(leaked).toEqual([]);
  });

  it("lets in every file the Dockerfile copies from the context", () => {
    const sources = dockerfile.stages
      .flatMap((stage) => instructionsOf(stage, "COPY"))
      .filter((copy) => !copy.flags.from)
      .flatMap((copy) => copy.args.slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(context.some((path) => path === source || path.startsWith(`${source}/`)), `${source} is not in the build context`).toBe(true);
    }
  });

  it("lets in, and the build stage copies, every source file tsc compiles for the server", () => {
    const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
    const inputs = execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--listFilesOnly"], { cwd: REPO_ROOT, encoding: "utf8" })
      .split("\n")
      .filter((file) => file.trim() !== "" && !file.includes("/node_modules/"))
      .map((file) => relative(REPO_ROOT, file.trim()));
    const copied = instructionsOf(stageNamed("build"), "COPY").flatMap((copy) => copy.args.slice(0, -1));
    expect(inputs).toContain("server/main.ts");
    for (const input of [...inputs, "tsconfig.build.json", "tsconfig.json"]) {
      expect(context, `${input} is not in the build context`).toContain(input);
      expect(copied.some((source) => input === source || input.startsWith(`${source}/`)), `the build stage does not copy ${input}`).toBe(true);
    }
  });

  it("lets in the web client's sources and the shared rules it imports", () => {
    expect(context).toEqual(expect.arrayContaining(["client/index.html", "client/vite.config.ts", "server/core/order-rules.ts"]));
    expect(context.filter((path) => path.startsWith("client/src/")).length).toBeGreaterThan(0);
  });

  it("is matched as Docker matches it: last pattern wins, ** spans folders, a parent match covers its children", () => {
    const rules = parseDockerIgnore("*\n!src/\nsrc/**/*.tmp\n!src/keep.tmp\n# comment\n/docs\n");
    expect(rules.excludes("README.md")).toBe(true);
    expect(rules.excludes("src/a/b.ts")).toBe(false);
    expect(rules.excludes("src/a/b.tmp")).toBe(true);
    expect(rules.excludes("src/b.tmp")).toBe(true);
    expect(rules.excludes("src/keep.tmp")).toBe(false);
    expect(rules.excludes("docs/x.md")).toBe(true);
  });
});
