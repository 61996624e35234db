/**
 * Finds and runs a local `terraform` binary for the checks that need one
 * (formatting, variable validation). Never downloads anything: callers only
 * run commands that work without providers or network.
 */
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

export interface TerraformCli {
  binary: string;
  version: string;
}

export interface TerraformRun {
  status: number | null;
  stdout: string;
  /** stdout and stderr together, for messages and assertions on errors. */
  output: string;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

export function runTerraform(cli: TerraformCli, args: string[], cwd: string): TerraformRun {
  const result = spawnSync(cli.binary, args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      // No version check against checkpoint.hashicorp.com, no prompts.
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
    },
  });
  const stdout = result.stdout ?? "";
  return { status: result.status, stdout, output: `${stdout}${result.stderr ?? ""}` };
}

/** The terraform binary on PATH and its version, or undefined when there is none. */
export function findTerraform(): TerraformCli | undefined {
  const binary = findOnPath("terraform");
  if (!binary) return undefined;
  const probe = runTerraform({ binary, version: "?" }, ["version", "-json"], process.cwd());
  let version = "unknown";
  try {
    version = (JSON.parse(probe.stdout) as { terraform_version?: string }).terraform_version ?? version;
  } catch {
    // keep "unknown"; the binary still runs
  }
  return { binary, version };
}
