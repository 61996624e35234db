/**
 * "Apply carries out exactly what was approved", shown failing where it must: plan-changes.ts on
 * fixture plans, then on real plans of the local terraform binary (terraform_data resources: no
 * provider, no network), then terraform.sh itself, plan and apply, with a stand-in `az` and a
 * local state. The same changes apply; a wider address range, a changed secret or an apply in
 * between is refused before anything changes, and no secret value is ever written out.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Json, type PlanChanges, FORMAT, IDENTICAL, SENSITIVE, differences, summarise } from "../../pipelines/scripts/plan-changes.js";
import { findTerraform } from "../infra/terraform/terraform-cli.js";
import { REPO_ROOT } from "./dockerfile.js";
import { scratch, standIn } from "./pipeline-fixtures.js";

const work = scratch("orders-plan-changes-");
const SCRIPT = join(REPO_ROOT, "pipelines/scripts/plan-changes.ts");
/** Node runs plan-changes.ts as it is only where it strips types (22.18+, 24). */
const stripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);

/** One `terraform show -json` resource change, as Terraform writes it. */
function resourceChange(address: string, actions: string[], before: Json, after: Json, sensitive: Json = {}): { [key: string]: Json } {
  return { address, change: { actions, before, after, after_unknown: {}, before_sensitive: before === null ? false : sensitive, after_sensitive: sensitive } };
}

function plan(...changes: { [key: string]: Json }[]): { [key: string]: Json } {
  return { format_version: "1.2", terraform_version: "1.14.5", resource_changes: changes, output_changes: {} };
}

const STATE = { lineage: "2b6c3f1e-lineage-of-the-state", serial: 41 };
const rule = (ranges: string[]) =>
  resourceChange("module.networking.azurerm_network_security_rule.https", ["update"], { source_address_prefixes: ["198.51.100.0/24"] }, { source_address_prefixes: ranges });
const certificate = (password: string) =>
  resourceChange(
    "module.key_vault.azurerm_key_vault_certificate.tls",
    ["create"],
    null,
    { name: "staff-tls", certificate: [{ contents: "MIIKpQIBAzCCCl8...", password }] },
    { certificate: [{ contents: true, password: true }] },
  );
const approved = summarise(plan(rule(["198.51.100.0/24", "192.0.2.0/24"]), certificate("pfx-password-1")), STATE);

describe("plan-changes.ts on fixture plans", () => {
  it("publishes every change with its values, each sensitive one replaced and digested, no-ops left out", () => {
    const summary = summarise(plan(rule(["192.0.2.0/24"]), certificate("pfx-password-1"), resourceChange("azurerm_resource_group.this", ["no-op"], {}, {})), STATE);
    expect(summary.format).toBe(FORMAT);
    expect(summary.state_serial).toBe(41);
    expect(summary.resource_changes.map((change) => change.address)).toEqual([
      "module.key_vault.azurerm_key_vault_certificate.tls",
      "module.networking.azurerm_network_security_rule.https",
    ]);
    const [tls, https] = summary.resource_changes;
    expect(https!.after).toEqual({ source_address_prefixes: ["192.0.2.0/24"] });
    expect(https!.sensitive).toBeUndefined();
    expect(tls!.after).toEqual({ name: "staff-tls", certificate: [{ contents: SENSITIVE, password: SENSITIVE }] });
    expect(tls!.sensitive).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const text = JSON.stringify(summary);
    expect(text).not.toContain("pfx-password-1");
    expect(text).not.toContain("MIIKpQ");
  });

  it("keys the digest with the state's lineage: equal values, equal digest; another lineage, another digest", () => {
    const digest = (password: string, lineage: string): string | undefined =>
      summarise(plan(certificate(password)), { lineage, serial: 41 }).resource_changes[0]!.sensitive;
    expect(digest("pfx-password-1", STATE.lineage)).toBe(digest("pfx-password-1", STATE.lineage));
    expect(digest("pfx-password-2", STATE.lineage)).not.toBe(digest("pfx-password-1", STATE.lineage));
    expect(digest("pfx-password-1", "another-lineage")).not.toBe(digest("pfx-password-1", STATE.lineage));
  });

  it("finds no difference in the same changes", () => {
    expect(differences(approved, summarise(plan(certificate("pfx-password-1"), rule(["198.51.100.0/24", "192.0.2.0/24"])), STATE))).toEqual([]);
  });

  it("names a changed value, e.g. a wider address range, where the resource addresses and actions alone agree", () => {
    const wider = summarise(plan(rule(["198.51.100.0/24", "0.0.0.0/0"]), certificate("pfx-password-1")), STATE);
    expect(wider.resource_changes.map(({ address, actions }) => [address, actions])).toEqual(approved.resource_changes.map(({ address, actions }) => [address, actions]));
    expect(differences(approved, wider)).toEqual([
      'module.networking.azurerm_network_security_rule.https: after.source_address_prefixes[1]: "192.0.2.0/24" → "0.0.0.0/0"',
    ]);
  });

  it("notices a changed secret without saying what it is", () => {
    const problems = differences(approved, summarise(plan(rule(["198.51.100.0/24", "192.0.2.0/24"]), certificate("pfx-password-2")), STATE));
    expect(problems).toEqual(["module.key_vault.azurerm_key_vault_certificate.tls: its sensitive values differ from the approved ones"]);
  });

  it("names a change that was not approved, one that is no longer planned, and a state that moved", () => {
    const now = summarise(plan(rule(["198.51.100.0/24", "192.0.2.0/24"]), resourceChange("azurerm_role_assignment.owner", ["create"], null, { role_definition_name: "Owner" })), {
      ...STATE,
      serial: 42,
    });
    expect(differences(approved, now)).toEqual([
      "the state changed since the approved plan (serial 41 then, 42 now): another apply ran in between",
      'module.key_vault.azurerm_key_vault_certificate.tls: approved (["create"]), but no longer planned',
      'azurerm_role_assignment.owner: planned (["create"]), but not in the approved resource changes',
    ]);
  });

  it("refuses a file that is not a summary", () => {
    expect(differences({ resource_changes: [] } as unknown as PlanChanges, approved)).toEqual([expect.stringMatching(/^the approved file is not a plan-changes summary/)]);
  });

  it.skipIf(!stripsTypes)("runs as a script on Node as it is: compare answers identical, or lists the differences and fails", () => {
    const dir = join(work(), "cli");
    mkdirSync(dir, { recursive: true });
    const file = (name: string, value: unknown): string => {
      writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
      return join(dir, name);
    };
    const state = file("state.json", STATE);
    const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
    const summary = run("summarise", file("approved-plan.json", plan(rule(["192.0.2.0/24"]))), state);
    expect(summary.status).toBe(0);
    const approvedFile = file("plan-changes.json", summary.stdout);
    const same = run("compare", approvedFile, join(dir, "approved-plan.json"), state);
    expect([same.status, same.stdout]).toEqual([0, `${IDENTICAL}: 1 resource and 0 output changes\n`]);
    const wider = run("compare", approvedFile, file("wider-plan.json", plan(rule(["10.0.0.0/8"]))), state);
    expect(wider.status).toBe(1);
    expect(wider.stdout).toBe("");
    expect(wider.stderr).toContain('after.source_address_prefixes[0]: "192.0.2.0/24" → "10.0.0.0/8"');
    expect(run("compare", approvedFile).status).toBe(2);
  });
});

const terraform = findTerraform();
describe.skipIf(!terraform || !stripsTypes)("terraform.sh with real Terraform plans (terraform_data, a local state, a stand-in az)", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  const approvals = (name: string): string => join(root, "approved", name);

  /** A tfvars file with these ranges and this password. */
  function variables(name: string, ranges: string[], password: string): string {
    const file = join(root, `${name}.tfvars`);
    writeFileSync(file, `ranges = ${JSON.stringify(ranges)}\npassword = ${JSON.stringify(password)}\n`);
    return file;
  }

  function terraformSh(action: "plan" | "apply", tfvars: string, approved: string) {
    const result = spawnSync("bash", [join(REPO_ROOT, "pipelines/scripts/terraform.sh"), action, join(root, "backend.hcl"), tfvars, approved], {
      cwd: join(root, "repo", "terraform"),
      env,
      encoding: "utf8",
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  const stateText = (): string => readFileSync(join(root, "state", "terraform.tfstate"), "utf8");
  const serial = (): number => (JSON.parse(stateText()) as { serial: number }).serial;

  beforeAll(() => {
    root = join(work(), "terraform-sh");
    const configuration = join(root, "repo", "terraform");
    mkdirSync(configuration, { recursive: true });
    mkdirSync(join(root, "state"));
    // terraform.sh runs plan-changes.ts from ../pipelines/scripts, as in the checkout.
    symlinkSync(join(REPO_ROOT, "pipelines"), join(root, "repo", "pipelines"));
    writeFileSync(
      join(configuration, "main.tf"),
      [
        'terraform {\n  backend "local" {}\n}',
        'variable "ranges" {\n  type = list(string)\n}',
        'variable "password" {\n  type      = string\n  sensitive = true\n}',
        'resource "terraform_data" "rule" {\n  input = var.ranges\n}',
        'resource "terraform_data" "secret" {\n  triggers_replace = var.password\n}',
        "",
      ].join("\n\n"),
    );
    // terraform_data needs no provider, so init writes no lock file; terraform.sh passes one on.
    writeFileSync(join(configuration, ".terraform.lock.hcl"), "");
    writeFileSync(join(root, "backend.hcl"), `path = ${JSON.stringify(join(root, "state", "terraform.tfstate"))}\n`);
    const path = standIn(join(root, "bin"), "az", 'echo "00000000-0000-0000-0000-00000000000a"\n');
    env = {
      PATH: [dirname(terraform!.binary), path].join(":"),
      HOME: root,
      CHECKPOINT_DISABLE: "1",
      // What AzureCLI@2 passes for a workload identity federation connection.
      AZURESUBSCRIPTION_CLIENT_ID: "plan-or-apply-client",
      AZURESUBSCRIPTION_TENANT_ID: "tenant",
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "connection",
      SYSTEM_ACCESSTOKEN: "access-token",
      SYSTEM_OIDCREQUESTURI: "https://dev.azure.com/example/oidc",
    };
  });

  it("plans as the read-only identity and publishes only the summary and the lock file, never the secret; the approved changes then apply", () => {
    const first = variables("first", ["10.0.0.0/24"], "correct horse battery");
    const planned = terraformSh("plan", first, approvals("first"));
    expect(planned.status, planned.output).toBe(0);
    expect(planned.output).toContain("##vso[task.setvariable variable=changes;isOutput=true]true");
    expect(readdirSync(approvals("first")).sort()).toEqual([".terraform.lock.hcl", "plan-changes.json"]);
    const summary = readFileSync(join(approvals("first"), "plan-changes.json"), "utf8");
    expect((JSON.parse(summary) as PlanChanges).resource_changes.map((change) => change.address)).toEqual(["terraform_data.rule", "terraform_data.secret"]);
    expect(summary).not.toContain("correct horse battery");

    const applied = terraformSh("apply", first, approvals("first"));
    expect(applied.status, applied.output).toBe(0);
    expect(applied.output).toContain(IDENTICAL);
    expect(stateText()).toContain("10.0.0.0/24");
  });

  it("refuses a wider address range than the one approved, before changing anything", () => {
    const approvedRanges = variables("approved-ranges", ["10.0.0.0/24", "10.0.1.0/24"], "correct horse battery");
    expect(terraformSh("plan", approvedRanges, approvals("ranges")).status).toBe(0);
    const before = serial();
    const wider = terraformSh("apply", variables("wider-ranges", ["10.0.0.0/24", "10.0.0.0/8"], "correct horse battery"), approvals("ranges"));
    expect(wider.status).toBe(1);
    expect(wider.output).toContain('terraform_data.rule: after.input[1]: "10.0.1.0/24" → "10.0.0.0/8"');
    expect(wider.output).toContain("##vso[task.logissue type=error]The changes differ from the plan that was approved");
    expect(serial()).toBe(before);
    expect(stateText()).not.toContain("10.0.0.0/8");

    const same = terraformSh("apply", approvedRanges, approvals("ranges"));
    expect(same.status, same.output).toBe(0);
    expect(stateText()).toContain("10.0.1.0/24");
  });

  it("refuses a secret changed after the approval, and the secrets appear in no output and no published file", () => {
    const approvedSecret = variables("approved-secret", ["10.0.0.0/24", "10.0.1.0/24"], "rotated secret one");
    expect(terraformSh("plan", approvedSecret, approvals("secret")).status).toBe(0);
    const before = serial();
    const other = terraformSh("apply", variables("other-secret", ["10.0.0.0/24", "10.0.1.0/24"], "rotated secret two"), approvals("secret"));
    expect(other.status).toBe(1);
    expect(other.output).toContain("terraform_data.secret: its sensitive values differ from the approved ones");
    expect(serial()).toBe(before);
    const published = readFileSync(join(approvals("secret"), "plan-changes.json"), "utf8");
    for (const text of [other.output, published]) expect(text).not.toMatch(/rotated secret (one|two)|correct horse/);
  });

  it("refuses approved changes when another apply ran in between (the state moved)", () => {
    const approvedRanges = variables("approved-third-range", ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], "correct horse battery");
    expect(terraformSh("plan", approvedRanges, approvals("moved")).status).toBe(0);
    // Meanwhile someone else changes the secret alone.
    const elsewhere = join(root, "repo", "terraform");
    const meanwhile = spawnSync(terraform!.binary, ["apply", "-auto-approve", "-input=false", "-target=terraform_data.secret", "-var-file", variables("meanwhile", ["10.0.0.0/24"], "changed meanwhile")], {
      cwd: elsewhere,
      env,
      encoding: "utf8",
    });
    expect(meanwhile.status, meanwhile.stderr).toBe(0);
    const before = serial();
    const stale = terraformSh("apply", variables("approved-third-range-now", ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], "changed meanwhile"), approvals("moved"));
    expect(stale.status).toBe(1);
    expect(stale.output).toMatch(/the state changed since the approved plan \(serial \d+ then, \d+ now\)/);
    expect(serial()).toBe(before);
    expect(stateText()).not.toContain("10.0.2.0/24");
  });
});
