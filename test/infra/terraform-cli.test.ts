/**
 * The checks that need a local terraform binary (formatting, the root
 * variables' validation rules). Never downloads a provider: only the variable
 * files are planned, which needs none. Without the binary they are skipped.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terraformDir, tfvarsExample } from "./terraform/context.js";
import { type TerraformCli, findTerraform, runTerraform } from "./terraform/terraform-cli.js";

describe("terraform CLI, offline", () => {
  let terraform: TerraformCli | undefined;
  let variablesDir: string | undefined;

  beforeAll(() => {
    terraform = findTerraform();
    if (!terraform) {
      console.log("terraform variable validation: SKIPPED, no terraform binary on PATH");
      return;
    }
    // Only the root variables: no provider is needed, so init downloads nothing
    // and plan evaluates just the validation rules.
    variablesDir = mkdtempSync(path.join(tmpdir(), "orders-terraform-variables-"));
    for (const file of readdirSync(terraformDir).filter((name) => /^variables(\.[a-z-]+)?\.tf$/.test(name))) {
      copyFileSync(path.join(terraformDir, file), path.join(variablesDir!, file));
    }
    const init = runTerraform(terraform, ["init", "-backend=false", "-input=false", "-no-color"], variablesDir);
    if (init.status !== 0) throw new Error(`terraform init of the root variables failed:\n${init.output}`);
  });

  afterAll(() => {
    if (variablesDir) rmSync(variablesDir, { recursive: true, force: true });
  });

  it("terraform fmt -check -recursive", (context) => {
    if (!terraform) {
      console.log("terraform fmt: SKIPPED, no terraform binary on PATH");
      context.skip();
      return;
    }
    const result = runTerraform(terraform, ["fmt", "-check", "-recursive", "-diff", "-no-color", "."], terraformDir);
    expect(result.status, `terraform fmt wants changes:\n${result.output}`).toBe(0);
    console.log(`terraform fmt: checked with Terraform v${terraform.version} (${terraform.binary})`);
  });

  const plan = (extraArgs: string[]) =>
    runTerraform(terraform!, ["plan", "-input=false", "-no-color", "-lock=false", `-var-file=${tfvarsExample}`, ...extraArgs], variablesDir!);

  it("accepts terraform.tfvars.example under the root variables' validation rules", (context) => {
    if (!terraform) {
      context.skip();
      return;
    }
    const result = plan([]);
    expect(result.status, result.output).toBe(0);
    console.log(`terraform variable validation: checked with Terraform v${terraform.version}`);
  });

  it.for([
    ["allowed_source_addresses", '["*"]'],
    ["allowed_source_addresses", '["0.0.0.0/0"]'],
    ["allowed_source_addresses", '["Internet"]'],
    ["allowed_source_addresses", '["203.0.113.10"]'],
    ["allowed_source_addresses", "[]"],
    ["vnet_address_space", '["10.0.0.0/33"]'],
    ["control_plane_subnet_prefix", "10.0.0.0/29"],
    ["worker_subnet_prefix", "10.0.8.0"],
    ["node_min_count", "0"],
    ["node_min_count", "1"],
    ["node_min_count", "1.5"],
    ["node_max_count", "1001"],
    ["alert_email", "orders-ops"],
    ["alert_email", "orders ops@example.com"],
    ["location", "West Europe"],
    ["environment", "Production"],
    ["key_vault_name", "kv--orders"],
    ["container_registry_name", "acr-orders"],
    ["log_retention_in_days", "7"],
    ["kubernetes_version", "latest"],
    ["kubernetes_version", "1.33.2"],
    ["ingress_exposure", "private"],
    ["ingress_allowed_cidrs", '["0.0.0.0/0"]'],
    ["ingress_allowed_cidrs", '["*"]'],
    ["ingress_subnet_prefix", "10.0.1.0/30"],
    ["devops_pool_subnet_prefix", "10.0.2.0/28"],
    ["dns_zone_name", "Retail.Example.com"],
    ["staff_host_name", "orders.staff"],
    ["orders_reader_group_object_ids", '["staff-readers"]'],
    ["orders_writer_group_object_ids", '["not-a-guid"]'],
    ["aks_admin_group_object_ids", '["admins"]'],
    ["tls_certificate_issuer", "Unknown"],
    ["tls_certificate_pfx_base64", "not base64!"],
    ["maintenance_window", '{ day_of_week = "Sun" }'],
    ["maintenance_window", '{ start_time = "25:00" }'],
    ["azure_devops_organization_url", "https://dev.azure.com/contoso/"],
    ["session_secret_version", "0"],
  ] as const)("rejects %s = %s", ([name, value], context) => {
    if (!terraform) {
      context.skip();
      return;
    }
    const result = plan(["-var", `${name}=${value}`]);
    expect(result.status, result.output).not.toBe(0);
    expect(result.output).toContain("Invalid value for variable");
    expect(result.output).toContain(`variable "${name}"`);
  });
});
