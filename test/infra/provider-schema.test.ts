/**
 * The offline provider-schema check: terraform/ passes it, it catches what
 * `terraform validate` would (on planted copies), and the mapping from the
 * bindings' jsii names back to Terraform names holds in its odd cases.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTerraformFiles, formatProblem } from "./provider-schema/checker.js";
import { type JsiiAssembly, type JsiiProperty, camelToSnake, extractFromAssembly, terraformNameOf } from "./provider-schema/jsii.js";
import { parsePluginDocs } from "./provider-schema/plugin-docs.js";
import { type ProviderSchemaFile, SCHEMA_KINDS, loadProviderSchema } from "./provider-schema/schema.js";
import { parseHclFile, tfFilesBelow } from "./terraform/hcl.js";
import { repoRoot, terraformDir } from "./terraform/context.js";

let schema: ProviderSchemaFile;
let copy: string;
beforeAll(() => {
  schema = loadProviderSchema();
  copy = mkdtempSync(path.join(tmpdir(), "orders-schema-check-"));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** A copy of terraform/ with one file edited; returns the check's messages for it. */
async function checkEdited(relativeFile: string, edit: (text: string) => string): Promise<string[]> {
  const dir = mkdtempSync(path.join(copy, "tree-"));
  cpSync(terraformDir, dir, { recursive: true });
  const file = path.join(dir, relativeFile);
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after, `the edit of ${relativeFile} changed nothing`).not.toBe(before);
  writeFileSync(file, after);
  return (await checkTerraformFiles(tfFilesBelow(dir), schema, dir)).map(formatProblem);
}

describe("provider schema check of terraform/", () => {
  it("passes on the real tree", async () => {
    const problems = await checkTerraformFiles(tfFilesBelow(terraformDir), schema, repoRoot);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it("holds exactly the types terraform/ uses (regenerate with extract.ts when this fails)", async () => {
    const used = new Set<string>();
    for (const file of tfFilesBelow(terraformDir)) {
      const parsed = await parseHclFile(file);
      for (const kind of SCHEMA_KINDS) for (const type of Object.keys((parsed[kind] as object | undefined) ?? {})) used.add(`${kind}.${type}`);
    }
    const inSchema = SCHEMA_KINDS.flatMap((kind) => Object.keys(schema[kind]).map((type) => `${kind}.${type}`));
    expect(inSchema.sort()).toEqual([...used].sort());
    expect(Object.keys(schema.providers).sort()).toEqual(["azapi", "azuread", "azurerm", "random", "time"]);
  });

  it("catches an unknown argument in a nested block, naming file, resource and argument", async () => {
    const problems = await checkEdited("modules/aks-cluster/main.tf", (text) => text.replace('network_policy      = "cilium"', 'network_policies    = "cilium"'));
    expect(problems).toEqual(
      expect.arrayContaining([
        'modules/aks-cluster/main.tf: azurerm_kubernetes_cluster.this network_profile.network_policies: unknown argument "network_policies" (did you mean "network_policy"?)',
      ]),
    );
  });

  it("catches an unknown nested block, also when written as a dynamic block", async () => {
    const problems = await checkEdited("modules/key-vault/main.certificate.tf", (text) =>
      text.replace("      secret_properties {", "      secret_property {").replace('dynamic "certificate" {', 'dynamic "certificates" {'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'modules/key-vault/main.certificate.tf: azurerm_key_vault_certificate.tls certificate_policy.secret_property: unknown block "secret_property" (did you mean "secret_properties"?)',
        'modules/key-vault/main.certificate.tf: azurerm_key_vault_certificate.tls certificate_policy.secret_properties: missing required block "secret_properties"',
        'modules/key-vault/main.certificate.tf: azurerm_key_vault_certificate.tls certificates: unknown block "certificates" (in a dynamic block) (did you mean "certificate"?)',
      ]),
    );
  });

  it("catches a missing required argument, an argument only the provider sets, and a missing provider source", async () => {
    const problems = await checkEdited("modules/staff-dns/main.tf", (text) =>
      text.replace("  zone_name           = azurerm_dns_zone.public[0].name\n", "").replace("  ttl                 = var.ttl\n  records ", "  fqdn                = var.host_name\n  ttl                 = var.ttl\n  records "),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'modules/staff-dns/main.tf: azurerm_dns_a_record.public zone_name: missing required argument "zone_name"',
        'modules/staff-dns/main.tf: azurerm_dns_a_record.public fqdn: "fqdn" is set by the provider only and cannot be configured',
      ]),
    );
    const unsourced = await checkEdited("modules/aks-cluster/versions.tf", (text) => text.replace('source  = "Azure/azapi"', 'source  = "hashicorp/azapi"'));
    expect(unsourced).toEqual([
      'modules/aks-cluster/main.gateway-api.tf: azapi_update_resource: the module uses provider "azapi" but its required_providers names source "hashicorp/azapi"; expected source "Azure/azapi"',
    ]);
  });

  it("allows meta-arguments and checks only azapi's own arguments, not the free-form body", async () => {
    const problems = await checkEdited("modules/aks-cluster/main.gateway-api.tf", (text) =>
      text.replace("  body = {", '  depends_on = [azurerm_kubernetes_cluster.this]\n  lifecycle {\n    prevent_destroy = false\n  }\n  body = {\n    notAnAzapiArgument = true'),
    );
    expect(problems).toEqual([]);
  });

  it("exits non-zero from the command line, naming the file, the resource and the argument", () => {
    const dir = mkdtempSync(path.join(copy, "cli-"));
    cpSync(terraformDir, dir, { recursive: true });
    const file = path.join(dir, "modules/devops-pool/main.tf");
    writeFileSync(file, readFileSync(file, "utf8").replace("  maximum_concurrency   = var.maximum_concurrency\n", "  max_concurrency = 2\n"));
    const result = spawnSync(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(repoRoot, "test/infra/provider-schema/check.ts"), dir], { encoding: "utf8" });
    expect(result.status).toBe(1);
    const name = path.basename(dir);
    expect(result.stderr).toContain(`${name}/modules/devops-pool/main.tf: azurerm_managed_devops_pool.this max_concurrency: unknown argument "max_concurrency"`);
    expect(result.stderr).toContain(`${name}/modules/devops-pool/main.tf: azurerm_managed_devops_pool.this maximum_concurrency: missing required argument "maximum_concurrency"`);
  });
});

describe("jsii names back to Terraform names", () => {
  const docs = (anchor: string) => ({ summary: `Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/x/1.0.0/docs/resources/thing#${anchor} Thing#${anchor}}.` });

  it("splits camelCase at capitals and keeps digits with the word before them", () => {
    expect(camelToSnake("dnsServiceIp")).toBe("dns_service_ip");
    expect(camelToSnake("ipv4Address")).toBe("ipv4_address");
    expect(camelToSnake("kubeAdminConfigRaw")).toBe("kube_admin_config_raw");
    expect(camelToSnake("base64")).toBe("base64");
    expect(camelToSnake("address1"), "not recoverable without the registry anchor").toBe("address1");
  });

  it("prefers the registry anchor: digits after an underscore, and properties renamed to dodge reserved words", () => {
    const property = (name: string, anchor?: string): JsiiProperty => ({ name, type: { primitive: "string" }, docs: anchor ? docs(anchor) : {} });
    expect(terraformNameOf(property("address1", "address_1"))).toBe("address_1");
    expect(terraformNameOf(property("countAttribute", "count"))).toBe("count");
    expect(terraformNameOf(property("forEachAttribute", "for_each"))).toBe("for_each");
    expect(terraformNameOf(property("x509Thumbprint"))).toBe("x509_thumbprint");
  });

  const assembly: JsiiAssembly = {
    name: "@cdktf/provider-x",
    version: "1.0.0",
    types: {
      "x.appRole.ApplicationAppRoleA": {
        fqn: "x.appRole.ApplicationAppRoleA",
        kind: "class",
        name: "ApplicationAppRoleA",
        base: "cdktf.TerraformResource",
        docs: { summary: "Represents a {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/application_app_role x_application_app_role}." },
        initializer: { parameters: [{ name: "config", type: { fqn: "x.appRole.ApplicationAppRoleAConfig" } }] },
        properties: [
          { name: "tfResourceType", static: true, type: { primitive: "string" } },
          { name: "roleId", type: { primitive: "string" } },
          { name: "name", type: { primitive: "string" } },
          { name: "nameInput", type: { primitive: "string" } },
        ],
      },
      "x.appRole.ApplicationAppRoleAConfig": {
        fqn: "x.appRole.ApplicationAppRoleAConfig",
        kind: "interface",
        name: "ApplicationAppRoleAConfig",
        datatype: true,
        properties: [
          { name: "name", type: { primitive: "string" }, docs: docs("name") },
          { name: "countAttribute", optional: true, type: { primitive: "number" }, docs: docs("count") },
          { name: "settings", optional: true, type: { fqn: "x.appRole.Settings" }, docs: { ...docs("settings"), remarks: "settings block" } },
          { name: "rule", type: { union: { types: [{ fqn: "cdktf.IResolvable" }, { collection: { kind: "array", elementtype: { fqn: "x.appRole.Rule" } } }] } }, docs: { summary: "rule block." } },
          { name: "shape", optional: true, type: { fqn: "x.appRole.Settings" }, docs: docs("shape") },
        ],
      },
      "x.appRole.Settings": { fqn: "x.appRole.Settings", kind: "interface", name: "Settings", datatype: true, properties: [{ name: "enabled", type: { primitive: "boolean" }, docs: docs("enabled") }] },
      "x.appRole.Rule": { fqn: "x.appRole.Rule", kind: "interface", name: "Rule", datatype: true, properties: [{ name: "ipv4Cidr", optional: true, type: { primitive: "string" } }] },
      "x.appRole.RuleOutputReference": { fqn: "x.appRole.RuleOutputReference", kind: "class", name: "RuleOutputReference", properties: [{ name: "ruleId", type: { primitive: "string" } }] },
      "x.clientConfig.DataXClientConfig": {
        fqn: "x.clientConfig.DataXClientConfig",
        kind: "class",
        name: "DataXClientConfig",
        base: "cdktf.TerraformDataSource",
        docs: { summary: "Represents a {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/data-sources/client_config x_client_config}." },
        initializer: { parameters: [{ name: "config", type: { fqn: "x.clientConfig.DataXClientConfigConfig" } }] },
        properties: [{ name: "tenantId", type: { primitive: "string" } }],
      },
      "x.clientConfig.DataXClientConfigConfig": { fqn: "x.clientConfig.DataXClientConfigConfig", kind: "interface", name: "DataXClientConfigConfig", datatype: true, properties: [] },
    },
  };

  it("takes type names from the registry link, not the (renamed) class, and tells blocks from object arguments", () => {
    const extracted = extractFromAssembly(assembly, "x");
    expect(extracted.map(({ kind, type, providerVersion }) => `${kind}.${type}@${providerVersion}`).sort()).toEqual([
      "data.x_client_config@1.2.3",
      "resource.x_application_app_role@1.2.3",
    ]);
    const role = extracted.find(({ type }) => type === "x_application_app_role")!.schema;
    expect(role.arguments).toEqual({ count: "optional", name: "required", role_id: "computed", settings: "optional", shape: "optional" });
    expect(role.blocks).toEqual({ rule: { min: 1, arguments: { ipv4_cidr: "optional", rule_id: "computed" }, blocks: {} } });
    expect(extracted.find(({ type }) => type === "x_client_config")!.schema.arguments).toEqual({ tenant_id: "computed" });
  });
});

describe("tfplugindocs pages (azapi)", () => {
  it("reads required, optional and read-only arguments and nested blocks with their limits", () => {
    const page = [
      "# x", "## Schema", "### Required", "- `type` (String) The type.", "### Optional",
      "- `body` (Dynamic) A body.", "- `identity` (List of Block) See [below for nested schema](#nested--identity).",
      "- `retry` (Object) See [below for nested schema](#nested--retry).", "- `timeouts` (Block) See [below for nested schema](#nested--timeouts).",
      "\t- `indented` (String) not an argument", "### Read-Only", "- `id` (String) The ID.",
      '<a id="nested--identity"></a>', "### Nested Schema for `identity`", "Required:", "- `type` (String) Kind.", "Read-Only:", "- `principal_id` (String) ID.",
      '<a id="nested--retry"></a>', "### Nested Schema for `retry`", "Optional:", "- `multiplier` (Float64) x",
      '<a id="nested--timeouts"></a>', "### Nested Schema for `timeouts`", "Optional:", "- `create` (String) x", "## Import", "- `ignored` (String)",
    ].join("\n");
    expect(parsePluginDocs(page)).toEqual({
      arguments: { body: "optional", id: "computed", retry: "optional", type: "required" },
      blocks: {
        identity: { min: 0, arguments: { principal_id: "computed", type: "required" }, blocks: {} },
        timeouts: { min: 0, max: 1, arguments: { create: "optional" }, blocks: {} },
      },
    });
  });
});
