/**
 * Builds what the image would hold, without Docker: the Dockerfile's own COPY instructions are
 * carried out from the build context (filtered by .dockerignore) and between stage directories,
 * and its RUN instructions are replayed where they produce application files. So the runtime
 * bundle cannot differ from the image's /app in what is copied: both come from the same lines.
 *
 * Where the replay must differ from `docker build`, it says so in `substitutions`:
 * - `npm ci --omit=dev` runs with `--ignore-scripts`. A native addon those scripts would compile
 *   (better-sqlite3) is copied from the repository's own install instead, same version for the
 *   same Node: compiling it again would add two to three minutes to every test run. Other install
 *   scripts (not native builds) are run by `npm rebuild <name>`.
 * - a full `npm ci` (the build stage) is the repository's node_modules, linked.
 * - RUN lines that change the operating system (apt-get, useradd, ...) are skipped: they shape
 *   the image, not /app, and the static checks in dockerfile.test.ts cover them. `ln -s` is
 *   replayed, with absolute paths taken inside the stage's own root (`/tmp` → `<root>/tmp`).
 * An instruction the replay does not know stops it with a message, rather than being ignored.
 */
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, symlinkSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { type Dockerfile, type Instruction, type Stage, REPO_ROOT, envOf, execForm, findStage, instructionsOf, lineage, parentOf, workdirOf } from "./dockerfile.js";
import type { DockerIgnore } from "./dockerignore.js";

export interface ReplayResult {
  /** The runtime stage's filesystem root; the application sits at `appDir`. */
  readonly rootDir: string;
  /** The runtime stage's WORKDIR inside `rootDir`: where CMD runs. */
  readonly appDir: string;
  /** ENV of the runtime stage. */
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
  /** `USER` of the runtime stage, e.g. "10001:10001". */
  readonly user: string | undefined;
  /** Where the replay did something other than `docker build` would, one line each. */
  readonly substitutions: readonly string[];
  /** Steps that failed but let the replay go on (the client build), with their output. */
  readonly failures: readonly { step: string; output: string }[];
}

interface StageState {
  readonly root: string;
  readonly workdir: string;
}

interface LockPackage {
  version?: string;
  dev?: boolean;
  hasInstallScript?: boolean;
}

/** Commands that shape the operating system, not the application's files: not replayed. */
const SYSTEM_COMMANDS = /^(apt-get|apt|dpkg|groupadd|useradd|addgroup|adduser|rm -rf \/var\/lib\/apt\/lists\/)/;

export class ImageReplay {
  private readonly stages = new Map<Stage, Promise<StageState>>();
  private readonly substitutions: string[] = [];
  private readonly failures: { step: string; output: string }[] = [];

  constructor(
    private readonly dockerfile: Dockerfile,
    private readonly ignore: DockerIgnore,
    private readonly workDir: string,
    private readonly contextDir = REPO_ROOT,
  ) {}

  async run(): Promise<ReplayResult> {
    const runtime = this.dockerfile.runtime;
    // Stages the runtime stage copies from are independent of each other: build them side by side.
    await Promise.all(this.stagesNeededBy(runtime).map((stage) => this.stage(stage)));
    const state = await this.stage(runtime);
    return {
      rootDir: state.root,
      appDir: join(state.root, state.workdir),
      env: envOf(this.dockerfile, runtime),
      cmd: execForm(runtime, "CMD"),
      user: instructionsOf(runtime, "USER").at(-1)?.args[0],
      substitutions: [...new Set(this.substitutions)],
      failures: this.failures,
    };
  }

  private stagesNeededBy(stage: Stage): Stage[] {
    const needed = new Set<Stage>();
    const visit = (current: Stage): void => {
      for (const ancestor of lineage(this.dockerfile, current)) {
        needed.add(ancestor);
        for (const copy of instructionsOf(ancestor, "COPY")) {
          const from = copy.flags.from;
          if (from) visit(this.stageNamed(from, copy));
        }
      }
    };
    visit(stage);
    needed.delete(stage);
    return [...needed];
  }

  private stageNamed(name: string, instruction: Instruction): Stage {
    const stage = findStage(this.dockerfile, name);
    if (!stage) throw new Error(`Dockerfile line ${instruction.line}: COPY --from=${name} names no stage of this Dockerfile`);
    return stage;
  }

  private stage(stage: Stage): Promise<StageState> {
    let state = this.stages.get(stage);
    if (!state) {
      state = this.replayStage(stage);
      this.stages.set(stage, state);
    }
    return state;
  }

  private async replayStage(stage: Stage): Promise<StageState> {
    const index = this.dockerfile.stages.indexOf(stage);
    const root = join(this.workDir, `${index}-${stage.name ?? "stage"}`);
    const parent = parentOf(this.dockerfile, stage);
    if (parent) {
      cpSync((await this.stage(parent)).root, root, { recursive: true, verbatimSymlinks: true });
    }
    mkdirSync(root, { recursive: true });
    // Let any user in: the runtime check runs the server as the image's non-root user.
    chmodSync(root, 0o755);

    const workdir = workdirOf(this.dockerfile, stage);
    mkdirSync(join(root, workdir), { recursive: true });
    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case "COPY":
          await this.copy(instruction, root, workdir);
          break;
        case "RUN":
          await this.runCommand(instruction, root, join(root, workdir));
          break;
        case "ADD":
          throw new Error(`Dockerfile line ${instruction.line}: ADD is not replayed; use COPY (ADD also fetches URLs and unpacks archives)`);
        default:
          // WORKDIR, ENV, USER, EXPOSE, CMD, ... are read from the parsed Dockerfile where needed.
          break;
      }
    }
    return { root, workdir };
  }

  private async copy(instruction: Instruction, root: string, workdir: string): Promise<void> {
    const unknownFlags = Object.keys(instruction.flags).filter((flag) => !["from", "chown", "chmod", "link"].includes(flag));
    if (unknownFlags.length > 0) {
      throw new Error(`Dockerfile line ${instruction.line}: COPY --${unknownFlags.join(", --")} is not replayed`);
    }
    if (instruction.args.length < 2) throw new Error(`Dockerfile line ${instruction.line}: COPY needs a source and a destination`);
    const sources = instruction.args.slice(0, -1);
    const destination = instruction.args.at(-1)!;
    const target = join(root, posix.isAbsolute(destination) ? destination : posix.join(workdir, destination));
    const intoDirectory = destination.endsWith("/") || sources.length > 1;

    const from = instruction.flags.from;
    const sourceRoot = from ? (await this.stage(this.stageNamed(from, instruction))).root : this.contextDir;
    for (const source of sources) {
      if (/[*?[]/.test(source)) throw new Error(`Dockerfile line ${instruction.line}: COPY wildcards are not replayed (${source})`);
      const relativeSource = posix.normalize(source).replace(/^\/+/, "");
      const path = join(sourceRoot, relativeSource);
      if (!from && this.ignore.excludes(relativeSource)) {
        throw new Error(`Dockerfile line ${instruction.line}: COPY ${source}: .dockerignore leaves it out of the build context`);
      }
      if (!existsSync(path)) {
        throw new Error(`Dockerfile line ${instruction.line}: COPY ${source}: not found in ${from ? `stage ${from}` : "the build context"}`);
      }
      const isDirectory = statSync(path).isDirectory();
      const destinationPath = intoDirectory && !isDirectory ? join(target, posix.basename(relativeSource)) : target;
      mkdirSync(isDirectory ? destinationPath : dirname(destinationPath), { recursive: true });
      // A source that is itself a link is followed, as COPY does (the build stage's linked node_modules).
      cpSync(from ? realpathSync(path) : path, destinationPath, {
        recursive: true,
        verbatimSymlinks: true,
        // The build context: only what .dockerignore lets through reaches the builder.
        filter: from ? undefined : (file) => !this.ignore.excludes(relative(this.contextDir, file).split("\\").join("/")),
      });
    }
  }

  private async runCommand(instruction: Instruction, root: string, cwd: string): Promise<void> {
    const command = instruction.args.length > 0 && instruction.content.trim().startsWith("[") ? instruction.args.join(" ") : instruction.content;
    for (const part of command.split(/\s*&&\s*/).map((text) => text.trim().replace(/\s+/g, " "))) {
      if (SYSTEM_COMMANDS.test(part)) {
        this.substitutions.push(`skipped "${part.length > 60 ? `${part.slice(0, 57)}...` : part}" (operating system, not /app)`);
      } else if (/^ln -sf? \S+ \S+$/.test(part)) {
        this.symlink(part.split(" ").slice(-2) as [string, string], root, cwd);
      } else if (/^npm ci\b/.test(part)) {
        await this.npmCi(part, cwd, instruction);
      } else if (/^npm run [\w:-]+$/.test(part)) {
        await this.npmRun(part.slice("npm run ".length), cwd);
      } else {
        throw new Error(
          `Dockerfile line ${instruction.line}: the runtime bundle replay does not know how to replay RUN "${part}"; ` +
            "teach test/delivery/image-replay.ts what it produces",
        );
      }
    }
  }

  /** `ln -s target link`, absolute paths inside the stage root; `/tmp` exists there as in any image. */
  private symlink([target, link]: [string, string], root: string, cwd: string): void {
    const inStage = (path: string): string => (posix.isAbsolute(path) ? join(root, path) : join(cwd, path));
    if (target === "/tmp" && !existsSync(inStage(target))) {
      mkdirSync(inStage(target));
      chmodSync(inStage(target), 0o1777);
    }
    symlinkSync(inStage(target), inStage(link));
  }

  private async npmCi(command: string, cwd: string, instruction: Instruction): Promise<void> {
    if (!/--omit[= ]dev\b/.test(command)) {
      // A full install for the build stage: the repository's own node_modules is that install.
      symlinkSync(join(this.contextDir, "node_modules"), join(cwd, "node_modules"), "dir");
      this.substitutions.push(`"${command}" (line ${instruction.line}) is the repository's node_modules, linked`);
      return;
    }
    await run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], cwd);
    this.substitutions.push(`"${command}" (line ${instruction.line}) ran with --ignore-scripts; install scripts replayed below`);

    const lock = JSON.parse(readFileSync(join(cwd, "package-lock.json"), "utf8")) as { packages: Record<string, LockPackage> };
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path || entry.dev || !entry.hasInstallScript || !existsSync(join(cwd, path))) continue;
      const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
      if (existsSync(join(cwd, path, "binding.gyp"))) {
        this.copyNativeBuild(cwd, path, name, entry.version);
      } else {
        await run("npm", ["rebuild", name, "--no-audit", "--no-fund"], cwd);
        this.substitutions.push(`install script of ${name} run by "npm rebuild ${name}"`);
      }
    }
  }

  /** The addon the repository's `npm ci` compiled for this Node, for the same package version. */
  private copyNativeBuild(cwd: string, path: string, name: string, version: string | undefined): void {
    const installed = join(this.contextDir, path);
    const installedVersion = existsSync(join(installed, "package.json"))
      ? (JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version: string }).version
      : undefined;
    if (installedVersion !== version) {
      throw new Error(
        `${name}: the lockfile wants ${version} but the repository has ${installedVersion ?? "none"} installed; run npm ci first`,
      );
    }
    const release = join(installed, "build", "Release");
    const addons = existsSync(release) ? readdirSync(release).filter((file) => file.endsWith(".node")) : [];
    if (addons.length === 0) throw new Error(`${name}: no compiled addon in ${release}; run npm ci (with install scripts) first`);
    mkdirSync(join(cwd, path, "build", "Release"), { recursive: true });
    for (const addon of addons) copyFileSync(join(release, addon), join(cwd, path, "build", "Release", addon));
    this.substitutions.push(`native addon of ${name}@${version} copied from the repository's install, not compiled again`);
  }

  private async npmRun(script: string, cwd: string): Promise<void> {
    try {
      await run("npm", ["run", script], cwd);
    } catch (error) {
      // The web client is being written alongside; a broken client build must not hide whether
      // the server runs from the bundle. It is reported as a failure of its own.
      const scripts = (JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
      if (script !== "build" || !scripts["build:server"]) throw error;
      this.failures.push({ step: `RUN npm run ${script}`, output: (error as Error).message });
      await run("npm", ["run", "build:server"], cwd);
      this.substitutions.push(`"npm run build" failed; only "npm run build:server" ran`);
    }
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${output}`));
    });
  });
}
