/**
 * The Dockerfile as data, for the tests that check it and the one that replays it. Parsing is
 * done by dockerfile-ast, the parser inside dockerfile-utils (which lints the same file), loaded
 * from dockerfile-utils' own dependencies so that both always read the file the same way.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../support/server-process.js";
import { validate } from "dockerfile-utils";

export const REPO_ROOT = ROOT;
export const DOCKERFILE = join(REPO_ROOT, "Dockerfile");
export const DOCKERIGNORE = join(REPO_ROOT, ".dockerignore");

export interface Instruction {
  /** Upper case: FROM, COPY, RUN, ... */
  readonly keyword: string;
  /** Arguments without the flags, as Docker splits them (shell form) or the JSON strings (exec form). */
  readonly args: readonly string[];
  /** `--from=build` → { from: "build" }; a flag without a value maps to null. */
  readonly flags: Readonly<Record<string, string | null>>;
  /** `ENV`/`ARG`/`LABEL` name=value pairs, quotes removed. */
  readonly properties: Readonly<Record<string, string>>;
  /** Everything after the keyword, continuation lines joined. */
  readonly content: string;
  /** 1-based line of the keyword, for messages. */
  readonly line: number;
}

export interface Stage {
  /** `FROM image AS name`: the name, if any. */
  readonly name: string | undefined;
  /** The image or earlier stage this one starts from. */
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly stages: readonly Stage[];
  /** The last stage: what `docker build` produces without --target. */
  readonly runtime: Stage;
}

/** The parts of dockerfile-ast this module reads. */
interface AstFlag {
  getName(): string;
  getValue(): string | null;
}
interface AstInstruction {
  getKeyword(): string;
  getArguments(): { getValue(): string }[];
  getArgumentsContent(): string | null;
  getRange(): { start: { line: number } };
  getFlags?(): AstFlag[];
  getJSONStrings?(): { getJSONValue(): string }[];
  getProperties?(): { getName(): string; getValue(): string | null }[];
  getBuildStage?(): string | null;
  getImage?(): string | null;
}
interface AstDockerfile {
  getInstructions(): AstInstruction[];
}
interface DockerfileAst {
  DockerfileParser: { parse(content: string): AstDockerfile };
}

const requireFromUtils = createRequire(createRequire(import.meta.url).resolve("dockerfile-utils"));
const ast = requireFromUtils("dockerfile-ast") as DockerfileAst;

/** Instructions whose exec (JSON) form carries the arguments as JSON strings. */
const EXEC_FORM = new Set(["CMD", "ENTRYPOINT", "RUN", "COPY", "ADD", "SHELL", "VOLUME"]);

export function parseDockerfile(content: string): Dockerfile {
  const stages: { name: string | undefined; from: string; instructions: Instruction[] }[] = [];
  for (const node of ast.DockerfileParser.parse(content).getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    const json = EXEC_FORM.has(keyword) ? (node.getJSONStrings?.() ?? []).map((value) => value.getJSONValue()) : [];
    const instruction: Instruction = {
      keyword,
      args: json.length > 0 ? json : node.getArguments().map((argument) => argument.getValue()),
      flags: Object.fromEntries((node.getFlags?.() ?? []).map((flag) => [flag.getName(), flag.getValue()])),
      properties: Object.fromEntries((node.getProperties?.() ?? []).map((property) => [property.getName(), property.getValue() ?? ""])),
      content: node.getArgumentsContent() ?? "",
      line: node.getRange().start.line + 1,
    };
    if (keyword === "FROM") {
      stages.push({ name: node.getBuildStage?.() ?? undefined, from: node.getImage?.() ?? "", instructions: [] });
    } else if (stages.length === 0) {
      // ARG before the first FROM: global build arguments.
      continue;
    }
    stages.at(-1)!.instructions.push(instruction);
  }
  if (stages.length === 0) throw new Error("the Dockerfile has no FROM instruction");
  return { stages, runtime: stages.at(-1)! };
}

export function readDockerfile(path = DOCKERFILE): Dockerfile {
  return parseDockerfile(readFileSync(path, "utf8"));
}

/** dockerfile-utils' findings (errors and warnings), as `line N: message`. */
export function lintDockerfile(content: string): string[] {
  return validate(content).map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The stage named so (`AS build`), or undefined. */
export function findStage(dockerfile: Dockerfile, name: string | undefined): Stage | undefined {
  return name === undefined ? undefined : dockerfile.stages.find((candidate) => candidate.name === name);
}

/** The earlier stage a stage is built FROM, when it is built from one rather than from an image. */
export function parentOf(dockerfile: Dockerfile, stage: Stage): Stage | undefined {
  return findStage(dockerfile, stage.from);
}

/** A stage and the stages it builds on (`FROM base AS deps` → [base, deps]), oldest first. */
export function lineage(dockerfile: Dockerfile, stage: Stage): Stage[] {
  const parent = parentOf(dockerfile, stage);
  return parent ? [...lineage(dockerfile, parent), stage] : [stage];
}

/** The stage's working directory (`WORKDIR`, inherited from the stages it builds on). */
export function workdirOf(dockerfile: Dockerfile, stage: Stage): string {
  let workdir = "/";
  for (const ancestor of lineage(dockerfile, stage)) {
    for (const instruction of instructionsOf(ancestor, "WORKDIR")) {
      const target = instruction.args[0] ?? "/";
      workdir = target.startsWith("/") ? target : join(workdir, target);
    }
  }
  return workdir;
}

/** `ENV` values in effect at the end of the stage (inherited ones included). */
export function envOf(dockerfile: Dockerfile, stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ancestor of lineage(dockerfile, stage)) {
    for (const instruction of instructionsOf(ancestor, "ENV")) Object.assign(env, instruction.properties);
  }
  return env;
}

/** The stage's base image: for a stage built on another stage, that stage's base. */
export function baseImageOf(dockerfile: Dockerfile, stage: Stage): string {
  return lineage(dockerfile, stage)[0]!.from;
}

/** `CMD`/`ENTRYPOINT` in exec form; throws for the shell form, which would put /bin/sh between tini and node. */
export function execForm(stage: Stage, keyword: "CMD" | "ENTRYPOINT"): string[] {
  const instruction = instructionsOf(stage, keyword).at(-1);
  if (!instruction) return [];
  if (!instruction.content.trim().startsWith("[")) {
    throw new Error(`line ${instruction.line}: ${keyword} is in shell form; use the exec form ["node", ...] so signals reach node`);
  }
  return [...instruction.args];
}

/** The environment the image gives the server: its runtime stage's ENV (NODE_ENV, NODE_OPTIONS). */
export function runtimeEnvironment(): Record<string, string> {
  const dockerfile = readDockerfile();
  const runtime = findStage(dockerfile, "runtime");
  if (!runtime) throw new Error("the Dockerfile has no runtime stage");
  return envOf(dockerfile, runtime);
}
