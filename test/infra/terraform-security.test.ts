/**
 * Offline checks of terraform/ that keep secrets and doors shut: no ids or
 * credentials in the code, no secret values in the state, nothing opened to
 * the internet but the staff gateway from its allowed ranges.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type HclBlock, isObject, nestedBlock, nestedBlocks, soleReference, stringsIn, tfFilesBelow } from "./terraform/hcl.js";
import {
  GUID,
  type TerraformContext,
  WILDCARD_SOURCES,
  label,
  repoRoot,
  resourcesOfType,
  terraformContext,
  terraformDir,
  tfvarsExample,
} from "./terraform/context.js";

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

describe("no secrets, subscription or tenant ids in terraform/", () => {
  it("contains no GUID anywhere (subscription, tenant, client or object ids)", () => {
    const files = [...tfFilesBelow(terraformDir), tfvarsExample, path.join(terraformDir, "backend.hcl.example"), path.join(terraformDir, "README.md")];
    const problems = files.filter((file) => GUID.test(readFileSync(file, "utf8"))).map((file) => path.relative(repoRoot, file));
    expect(problems).toEqual([]);
  });

  it("sets no credentials or ids in provider blocks", () => {
    const forbidden = ["subscription_id", "tenant_id", "client_id", "client_secret", "client_certificate_password", "client_certificate_path"];
    for (const module of tf.config.modules.values()) {
      for (const [name, blocks] of module.providers) {
        for (const block of blocks) expect(Object.keys(block).filter((key) => forbidden.includes(key)), `provider ${name} in ${label(module)}`).toEqual([]);
      }
    }
  });

  it("uses managed identities and federated credentials, never client secrets or passwords", () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      for (const [key, block] of module.resources) {
        if ("service_principal" in block) problems.push(`${label(module)}: ${key} uses a service_principal block`);
        if (/^azuread_(application|service_principal)_password\./.test(key) || "password" in block) problems.push(`${label(module)}: ${key} creates a client secret`);
        if (key.startsWith("azurerm_container_registry.") && block.admin_enabled !== false) problems.push(`${label(module)}: ${key} must set admin_enabled = false`);
        for (const { where, text } of stringsIn(block)) {
          if (/(password|secret|contents)$/i.test(where.split(".").pop() ?? "") && !text.includes("${")) problems.push(`${label(module)}: ${key}.${where} is a literal credential`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("writes secret values only through write-only arguments fed by ephemeral values, so they never reach the state", async () => {
    const secrets = [...tf.config.modules.values()].flatMap((module) => resourcesOfType(module, "azurerm_key_vault_secret").map(([key, block]) => ({ module, key, block })));
    expect(secrets.map(({ key }) => key)).toEqual(["azurerm_key_vault_secret.session_secret"]);
    for (const { module, key, block } of secrets) {
      expect(block.value, `${label(module)}: ${key} must not use "value" (stored in state)`).toBeUndefined();
      expect(await soleReference(block.value_wo), `${label(module)}: ${key}`).toMatch(/^ephemeral\.random_bytes\.[^.]+\.base64$/);
      expect(block.value_wo_version, `${label(module)}: ${key} rotates by version`).toBeDefined();
    }
    const [, random] = [...tf.moduleAt("modules/key-vault").ephemeralResources].find(([key]) => key.startsWith("random_bytes."))!;
    expect(random.length, "48 random bytes").toBe(48);
    for (const name of ["tls_certificate_pfx_base64", "tls_certificate_pfx_password"]) {
      for (const module of [tf.config.root, tf.moduleAt("modules/key-vault")]) {
        expect(module.variables.get(name)?.sensitive, `${label(module)}: variable ${name}`).toBe(true);
      }
    }
  });
});

describe("the cluster has no local accounts and no admin kubeconfig", () => {
  it("disables local accounts and uses Microsoft Entra ID with Azure RBAC", () => {
    const [, cluster] = resourcesOfType(tf.moduleAt("modules/aks-cluster"), "azurerm_kubernetes_cluster")[0]!;
    expect(cluster.local_account_disabled).toBe(true);
    expect(cluster.role_based_access_control_enabled).toBe(true);
    expect(nestedBlock(cluster, "azure_active_directory_role_based_access_control").azure_rbac_enabled).toBe(true);
  });

  it("outputs no kubeconfig anywhere", async () => {
    const problems: string[] = [];
    for (const module of tf.config.modules.values()) {
      for (const [name, output] of module.outputs) {
        if (/kube_?config/i.test(name) || JSON.stringify(output.value).match(/kube_(admin_)?config/)) problems.push(`${label(module)}: output ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("network exposure", () => {
  const allowRules = (): { module: string; key: string; rule: HclBlock }[] =>
    [...tf.config.modules.values()].flatMap((module) => [
      ...resourcesOfType(module, "azurerm_network_security_group").flatMap(([key, nsg]) => [
        ...nestedBlocks(nsg, "security_rule"),
        ...(isObject(nsg.dynamic) ? nestedBlocks(nsg.dynamic, "security_rule").flatMap((dynamic) => nestedBlocks(dynamic, "content")) : []),
      ].map((rule) => ({ module: label(module), key, rule }))),
      ...resourcesOfType(module, "azurerm_network_security_rule").map(([key, rule]) => ({ module: label(module), key, rule })),
    ]);

  it("opens only 443 and 80, inbound, to the staff gateway, from the validated ingress_allowed_cidrs, and only when public", async () => {
    const rules = allowRules();
    expect(rules.map(({ key }) => key)).toEqual(["azurerm_network_security_rule.ingress"]);
    const networking = tf.moduleAt("modules/networking");
    for (const { module, key, rule } of rules) {
      for (const source of [rule.source_address_prefix, rule.source_address_prefixes].flat()) {
        if (typeof source === "string") expect(WILDCARD_SOURCES.has(source.toLowerCase()), `${module}: ${key} source ${source}`).toBe(false);
      }
      expect(rule.source_address_prefixes).toBe("${var.ingress_allowed_cidrs}");
      expect(nestedBlocks(networking.variables.get("ingress_allowed_cidrs")!, "validation")).not.toHaveLength(0);
      expect(await soleReference(rule.destination_address_prefix)).toBe("azurerm_public_ip.ingress.0.ip_address");
      expect([rule.direction, rule.access, rule.protocol]).toEqual(["Inbound", "Allow", "Tcp"]);
      expect(rule.for_each).toBe("${local.ingress_public ? local.ingress_ports : {}}");
    }
    const ports = networking.locals.get("ingress_ports") as Record<string, HclBlock[]>;
    expect(Object.values(ports).map((port) => (port as unknown as HclBlock).port).sort()).toEqual(["443", "80"]);
  });

  it("refuses a public gateway without allowed ranges (precondition) and keeps the ranges free of wildcards", () => {
    const networking = tf.moduleAt("modules/networking");
    const [, publicIp] = resourcesOfType(networking, "azurerm_public_ip").find(([key]) => key === "azurerm_public_ip.ingress")!;
    const conditions = nestedBlocks(nestedBlock(publicIp, "lifecycle"), "precondition").map((precondition) => String(precondition.condition));
    expect(conditions).toContain("${length(var.ingress_allowed_cidrs) > 0}");
    expect(publicIp.count).toBe("${local.ingress_public ? 1 : 0}");
    expect(tf.config.root.variables.get("ingress_exposure")?.default).toBe("internal");
    expect((tf.tfvars.allowed_source_addresses as string[]).some((source) => WILDCARD_SOURCES.has(source.toLowerCase()))).toBe(false);
  });

  it("puts the Key Vault behind its firewall: deny by default, the cluster and pipeline subnets and the operators' addresses", async () => {
    const [, vault] = resourcesOfType(tf.moduleAt("modules/key-vault"), "azurerm_key_vault")[0]!;
    const acls = nestedBlock(vault, "network_acls");
    expect(acls.default_action).toBe("Deny");
    expect(acls.bypass).toBe("AzureServices");
    expect(await soleReference(acls.virtual_network_subnet_ids)).toBe("var.allowed_subnet_ids");
    expect(tf.config.root.moduleCalls.get("key_vault")!.allowed_subnet_ids).toEqual([
      "${module.networking.worker_subnet_id}",
      "${module.networking.devops_pool_subnet_id}",
    ]);
    const subnets = resourcesOfType(tf.moduleAt("modules/networking"), "azurerm_subnet").filter(([key]) => /\.(worker|devops_pool)$/.test(key));
    for (const [key, subnet] of subnets) expect(subnet.service_endpoints, `${key} needs the Key Vault service endpoint`).toEqual(["Microsoft.KeyVault"]);
  });

  it("lets the API server admit only the operators and the pipeline agents' fixed egress address", () => {
    expect(tf.config.root.moduleCalls.get("aks_cluster")!.api_server_authorized_ip_ranges).toBe("${local.api_server_authorized_ip_ranges}");
    expect(tf.config.root.locals.get("api_server_authorized_ip_ranges")).toBe(
      '${concat(var.allowed_source_addresses, ["${module.networking.devops_pool_egress_ip_address}/32"])}',
    );
  });
});
