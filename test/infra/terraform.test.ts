/**
 * Offline checks of terraform/: no Azure, no provider download. The HCL is
 * parsed with @cdktf/hcl2json; a local terraform binary, when present, also
 * checks formatting and runs the root variables' validation rules.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type HclBlock,
  type HclValue,
  type ModuleScope,
  type TerraformConfiguration,
  type TerraformModule,
  MODULE_META_ARGUMENTS,
  isObject,
  loadConfiguration,
  localSourceDir,
  nestedBlock,
  nestedBlocks,
  parseHclFile,
  referencesIn,
  resolveStatic,
  soleReference,
  stringsIn,
  tfFilesBelow,
} from "./terraform/hcl.js";
import { type TerraformCli, findTerraform, runTerraform } from "./terraform/terraform-cli.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const terraformDir = path.join(repoRoot, "terraform");
const tfvarsExample = path.join(terraformDir, "terraform.tfvars.example");

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WILDCARD_SOURCES = new Set(["*", "0.0.0.0/0", "::/0", "any", "internet"]);
/** Resource attributes that carry credentials; outputs built from them must be sensitive. */
const SECRET_ATTRIBUTE = /(^|\.)(kube_config|kube_config_raw|kube_admin_config|kube_admin_config_raw|client_key|client_certificate|password|admin_password|primary_access_key|secondary_access_key|primary_connection_string|secondary_connection_string)(\.|$)/;
const BUILTIN_REFERENCE_ROOTS = new Set(["each", "count", "path", "terraform", "self"]);

let config: TerraformConfiguration;
let tfvars: HclBlock;

beforeAll(async () => {
  config = await loadConfiguration(terraformDir);
  tfvars = await parseHclFile(tfvarsExample);
});

function moduleAt(relativeDir: string): TerraformModule {
  const module = config.modules.get(path.join(terraformDir, relativeDir));
  if (!module) throw new Error(`no module at terraform/${relativeDir} is reached from the root module`);
  return module;
}

function label(module: TerraformModule): string {
  return path.relative(repoRoot, module.dir) || ".";
}

function childOf(module: TerraformModule, callName: string): TerraformModule {
  const call = module.moduleCalls.get(callName);
  if (!call) throw new Error(`${label(module)} has no module "${callName}"`);
  const dir = localSourceDir(module, call);
  const child = dir ? config.modules.get(dir) : undefined;
  if (!child) throw new Error(`module "${callName}" in ${label(module)} has no local source`);
  return child;
}

function rootScope(): ModuleScope {
  return { module: config.root, rootValues: tfvars };
}

function childScope(callName: string): ModuleScope {
  const parent = rootScope();
  return { module: childOf(config.root, callName), caller: { scope: parent, call: config.root.moduleCalls.get(callName)! } };
}

function resource(module: TerraformModule, key: string): HclBlock {
  const block = module.resources.get(key);
  if (!block) throw new Error(`${label(module)} has no resource ${key}`);
  return block;
}

function resourcesOfType(module: TerraformModule, type: string): [string, HclBlock][] {
  return [...module.resources].filter(([key]) => key.startsWith(`${type}.`));
}

/** A copy of a resource body without lifecycle.ignore_changes, whose entries are attribute paths, not references. */
function withoutIgnoreChanges(block: HclBlock): HclBlock {
  const copy: HclBlock = { ...block };
  if (Array.isArray(copy.lifecycle)) {
    copy.lifecycle = copy.lifecycle.map((lifecycle) => {
      if (!isObject(lifecycle)) return lifecycle;
      const rest: HclBlock = { ...lifecycle };
      delete rest.ignore_changes;
      return rest;
    });
  }
  return copy;
}

function dynamicBlockLabels(module: TerraformModule): Set<string> {
  const labels = new Set<string>();
  const visit = (value: HclValue | undefined): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "dynamic" && isObject(inner)) Object.keys(inner).forEach((name) => labels.add(name));
        visit(inner);
      }
    }
  };
  for (const block of [...module.resources.values(), ...module.dataSources.values()]) visit(block);
  return labels;
}

/** Every place in a module that holds expressions, with a name for messages. */
function expressionSites(module: TerraformModule): { where: string; value: HclValue }[] {
  const sites: { where: string; value: HclValue }[] = [];
  for (const [key, block] of module.resources) sites.push({ where: `resource ${key}`, value: withoutIgnoreChanges(block) });
  for (const [key, block] of module.dataSources) sites.push({ where: `data ${key}`, value: block });
  for (const [name, block] of module.moduleCalls) sites.push({ where: `module ${name}`, value: block });
  for (const [name, block] of module.outputs) sites.push({ where: `output ${name}`, value: block });
  for (const [name, value] of module.locals) sites.push({ where: `local ${name}`, value });
  return sites;
}

async function variableReferences(module: TerraformModule): Promise<Set<string>> {
  const used = new Set<string>();
  for (const { value } of expressionSites(module)) {
    for (const reference of await referencesIn(value)) {
      const [head, name] = reference.split(".");
      if (head === "var" && name) used.add(name);
    }
  }
  return used;
}

describe("terraform/ parses and hangs together", () => {
  it("parses every .tf file with the HCL parser", async () => {
    const files = tfFilesBelow(terraformDir);
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      await expect(parseHclFile(file), path.relative(repoRoot, file)).resolves.toBeTypeOf("object");
    }
  });

  it("reaches every module directory under terraform/modules from the root module", () => {
    const onDisk = new Set(tfFilesBelow(path.join(terraformDir, "modules")).map((file) => path.dirname(file)));
    const reached = new Set(config.modules.keys());
    expect([...onDisk].filter((dir) => !reached.has(dir)).map((dir) => path.relative(repoRoot, dir))).toEqual([]);
    for (const dir of ["networking", "aks-cluster", "key-vault", "monitoring", "container-registry"]) {
      expect(reached.has(path.join(terraformDir, "modules", dir)), `terraform/modules/${dir}`).toBe(true);
    }
  });

  it("keeps each module's code in main.tf, variables.tf, outputs.tf and versions.tf", () => {
    for (const module of config.modules.values()) {
      const names = module.files.map((file) => path.basename(file));
      for (const required of ["main.tf", "variables.tf", "outputs.tf", "versions.tf"]) {
        expect(names, `${label(module)}/${required}`).toContain(required);
      }
    }
  });

  it("passes every required variable to each module call and no undeclared one", () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      for (const [name, call] of module.moduleCalls) {
        const dir = localSourceDir(module, call);
        const child = dir ? config.modules.get(dir) : undefined;
        if (!child) {
          problems.push(`${label(module)}: module "${name}" has source ${JSON.stringify(call.source)}, which is not a local module directory`);
          continue;
        }
        const passed = new Set(Object.keys(call).filter((key) => !MODULE_META_ARGUMENTS.has(key)));
        for (const [variable, block] of child.variables) {
          if (!("default" in block) && !passed.has(variable)) {
            problems.push(`${label(module)}: module "${name}" does not pass required variable "${variable}" of ${label(child)}`);
          }
        }
        for (const argument of passed) {
          if (!child.variables.has(argument)) {
            problems.push(`${label(module)}: module "${name}" passes "${argument}", which ${label(child)} does not declare`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("declares every var, local, module output, data source and resource that is referenced", async () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      const dynamicLabels = dynamicBlockLabels(module);
      for (const { where, value } of expressionSites(module)) {
        for (const reference of await referencesIn(value)) {
          const [head, second, third] = reference.split(".");
          const at = `${label(module)}: ${where}`;
          if (second === undefined || BUILTIN_REFERENCE_ROOTS.has(head!) || dynamicLabels.has(head!)) continue;
          if (head === "var") {
            if (!module.variables.has(second)) problems.push(`${at} uses var.${second}, which is not declared`);
          } else if (head === "local") {
            if (!module.locals.has(second)) problems.push(`${at} uses local.${second}, which is not declared`);
          } else if (head === "module") {
            const call = module.moduleCalls.get(second);
            const dir = call ? localSourceDir(module, call) : undefined;
            const child = dir ? config.modules.get(dir) : undefined;
            if (!call) problems.push(`${at} uses module.${second}, which is not called`);
            else if (third !== undefined && child && !child.outputs.has(third)) {
              problems.push(`${at} uses module.${second}.${third}, but ${label(child)} has no output "${third}"`);
            }
          } else if (head === "data") {
            if (!module.dataSources.has(`${second}.${third}`)) problems.push(`${at} uses data.${second}.${third}, which is not declared`);
          } else if (!module.resources.has(`${head}.${second}`)) {
            problems.push(`${at} uses ${reference}, but there is no resource ${head}.${second}`);
          }
        }
      }
      for (const [name, variable] of module.variables) {
        for (const reference of await referencesIn(nestedBlocks(variable, "validation"))) {
          if (reference.split(".").slice(0, 2).join(".") !== `var.${name}`) {
            problems.push(`${label(module)}: the validation of variable "${name}" refers to ${reference}; Terraform 1.5 only allows var.${name} there`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses every variable a module declares (the old modules took subnet and NSG ids and ignored them)", async () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      const used = await variableReferences(module);
      for (const name of module.variables.keys()) {
        if (!used.has(name)) problems.push(`${label(module)}: variable "${name}" is declared but never used`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("gives every variable a type and a description", () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      for (const [name, variable] of module.variables) {
        if (typeof variable.type !== "string" || variable.type === "") problems.push(`${label(module)}: variable "${name}" has no type`);
        if (typeof variable.description !== "string" || variable.description.trim().length < 10) {
          problems.push(`${label(module)}: variable "${name}" has no real description`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("guards every variable that can hold a bad value with a validation block", () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      for (const [name, variable] of module.variables) {
        const unconstrained = variable.type === "${bool}" || name === "tags";
        if (unconstrained) continue;
        const validations = nestedBlocks(variable, "validation");
        if (validations.length === 0) problems.push(`${label(module)}: variable "${name}" has no validation block`);
        for (const validation of validations) {
          if (typeof validation.error_message !== "string" || validation.error_message.length < 20) {
            problems.push(`${label(module)}: variable "${name}" has a validation without a helpful error_message`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("marks outputs that carry credentials as sensitive, also when passed up from a child module", async () => {
    const problems: string[] = [];
    // Children first, so that a parent can see which child outputs are sensitive.
    const ordered = [...config.modules.values()].sort((a, b) => b.dir.length - a.dir.length);
    for (const module of ordered) {
      for (const [name, output] of module.outputs) {
        const carriesSecret = [];
        for (const reference of await referencesIn(output.value)) {
          const [head, callName, outputName] = reference.split(".");
          if (head === "module" && callName && outputName) {
            if (childOf(module, callName).outputs.get(outputName)?.sensitive === true) carriesSecret.push(reference);
          } else if (SECRET_ATTRIBUTE.test(reference)) {
            carriesSecret.push(reference);
          }
        }
        if (carriesSecret.length > 0 && output.sensitive !== true) {
          problems.push(`${label(module)}: output "${name}" exposes ${carriesSecret.join(", ")} without sensitive = true`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("pins Terraform >= 1.5 and azurerm to one 4.x range in every module", () => {
    const constraints = new Set<string>();
    for (const module of config.modules.values()) {
      const terraform = module.terraformBlocks.find((block) => "required_version" in block || "required_providers" in block);
      expect(terraform, `${label(module)} has a terraform { required_version, required_providers } block`).toBeDefined();
      expect(terraform!.required_version, label(module)).toMatch(/^>=\s*1\.(5|[6-9]|\d{2,})(\.\d+)?$/);
      const azurerm = nestedBlock(terraform!, "required_providers").azurerm;
      expect(isObject(azurerm) && azurerm.source, label(module)).toBe("hashicorp/azurerm");
      const version = isObject(azurerm) ? String(azurerm.version) : "";
      const lower = /^>=\s*4\.\d+\.\d+\s*,\s*<\s*5\.0\.0$/.test(version) || /^~>\s*4\.\d+$/.test(version);
      expect(lower, `${label(module)}: azurerm version "${version}" must stay within 4.x`).toBe(true);
      constraints.add(version);
    }
    expect([...constraints], "all modules use the same azurerm constraint").toHaveLength(1);
  });

  it("leaves the remote state backend to be configured at init time", () => {
    const backends = config.root.terraformBlocks.flatMap((block) => (isObject(block.backend) ? Object.entries(block.backend) : []));
    expect(backends.map(([kind]) => kind)).toEqual(["azurerm"]);
    const [, settings] = backends[0]!;
    expect(settings, "backend settings come from -backend-config, not from the code").toEqual([{}]);
    expect(existsSync(path.join(terraformDir, "backend.hcl.example"))).toBe(true);
  });
});

describe("no secrets, subscription or tenant ids in terraform/", () => {
  it("contains no GUID anywhere (subscription, tenant, client or object ids)", () => {
    const files = [...tfFilesBelow(terraformDir), tfvarsExample, path.join(terraformDir, "backend.hcl.example"), path.join(terraformDir, "README.md")];
    const problems = files.filter((file) => GUID.test(readFileSync(file, "utf8"))).map((file) => path.relative(repoRoot, file));
    expect(problems).toEqual([]);
  });

  it("sets no credentials or ids in provider blocks", () => {
    const forbidden = ["subscription_id", "tenant_id", "client_id", "client_secret", "client_certificate_password", "client_certificate_path"];
    for (const module of config.modules.values()) {
      for (const [name, blocks] of module.providers) {
        for (const block of blocks) {
          expect(Object.keys(block).filter((key) => forbidden.includes(key)), `provider ${name} in ${label(module)}`).toEqual([]);
        }
      }
    }
  });

  it("uses managed identities, not service principal secrets, and creates no secret values", () => {
    const problems: string[] = [];
    for (const module of config.modules.values()) {
      for (const [key, block] of module.resources) {
        if ("service_principal" in block) problems.push(`${label(module)}: ${key} uses a service_principal block`);
        if (key.startsWith("azurerm_key_vault_secret.")) problems.push(`${label(module)}: ${key} puts a secret value into code/state`);
        if (key.startsWith("azurerm_container_registry.") && block.admin_enabled !== false) problems.push(`${label(module)}: ${key} must set admin_enabled = false`);
        for (const { where, text } of stringsIn(block)) {
          if (/(password|secret)$/i.test(where.split(".").pop() ?? "") && !text.includes("${")) {
            problems.push(`${label(module)}: ${key}.${where} is a literal credential`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("networking module", () => {
  it("makes a resource group, the VNet (default 10.0.0.0/16) and the control-plane and worker subnets", () => {
    const networking = moduleAt("modules/networking");
    expect(resourcesOfType(networking, "azurerm_resource_group")).toHaveLength(1);
    expect(resourcesOfType(networking, "azurerm_virtual_network")).toHaveLength(1);
    expect(resourcesOfType(networking, "azurerm_subnet").map(([key]) => key).sort()).toEqual([
      "azurerm_subnet.control_plane",
      "azurerm_subnet.worker",
    ]);
    expect(resolveStatic(resource(networking, "azurerm_virtual_network.this").address_space, childScope("networking"))).toEqual(["10.0.0.0/16"]);
    expect(config.root.variables.get("vnet_address_space")?.default).toEqual(["10.0.0.0/16"]);
  });

  it("associates the NSG with the worker subnet", async () => {
    const networking = moduleAt("modules/networking");
    const associations = resourcesOfType(networking, "azurerm_subnet_network_security_group_association");
    expect(associations).toHaveLength(1);
    const [, association] = associations[0]!;
    expect(await soleReference(association.subnet_id)).toBe("azurerm_subnet.worker.id");
    expect(await soleReference(association.network_security_group_id)).toMatch(/^azurerm_network_security_group\.[^.]+\.id$/);
  });

  it("opens only 443 and 22, inbound, from the allowed-sources list variable, never from a wildcard", async () => {
    const problems: string[] = [];
    const rulesByPort = new Map<string, HclBlock>();
    for (const module of config.modules.values()) {
      const rules: [string, HclBlock][] = [
        ...resourcesOfType(module, "azurerm_network_security_group").flatMap(([key, nsg]) => [
          ...nestedBlocks(nsg, "security_rule").map((rule): [string, HclBlock] => [key, rule]),
          ...(isObject(nsg.dynamic) ? nestedBlocks(nsg.dynamic, "security_rule").flatMap((dynamic) => nestedBlocks(dynamic, "content")) : []).map(
            (rule): [string, HclBlock] => [key, rule],
          ),
        ]),
        ...resourcesOfType(module, "azurerm_network_security_rule"),
      ];
      for (const [key, rule] of rules) {
        const sources = [rule.source_address_prefix, ...(Array.isArray(rule.source_address_prefixes) ? rule.source_address_prefixes : [rule.source_address_prefixes])];
        for (const source of sources) {
          if (source === undefined) continue;
          if (typeof source === "string" && WILDCARD_SOURCES.has(source.toLowerCase())) {
            problems.push(`${label(module)}: ${key} rule ${String(rule.name)} allows source ${source}`);
          }
          if (typeof source === "string" && source.includes("${")) {
            const reference = await soleReference(source);
            const variable = module.variables.get(reference.replace(/^var\./, ""));
            if (!reference.startsWith("var.") || !variable || nestedBlocks(variable, "validation").length === 0) {
              problems.push(`${label(module)}: ${key} rule ${String(rule.name)} takes its sources from ${reference}, which is not a validated variable`);
            }
          }
        }
        if (rule.direction === "Inbound" && rule.access === "Allow") rulesByPort.set(String(rule.destination_port_range), rule);
      }
    }
    expect(problems).toEqual([]);
    expect([...rulesByPort.keys()].sort()).toEqual(["22", "443"]);
    for (const rule of rulesByPort.values()) {
      expect(rule.source_address_prefixes).toBe("${var.allowed_source_addresses}");
      expect(rule.source_address_prefix).toBeUndefined();
    }
    const allowed = moduleAt("modules/networking").variables.get("allowed_source_addresses")!;
    expect(allowed.type).toBe("${list(string)}");
    expect("default" in allowed, "the allowed sources have no default: whoever deploys must name them").toBe(false);
    expect(resolveStatic("${var.allowed_source_addresses}", childScope("networking"))).toEqual(tfvars.allowed_source_addresses);
  });

  it("checks that the subnets lie inside the VNet and do not overlap (preconditions)", async () => {
    const networking = moduleAt("modules/networking");
    const preconditions = ["azurerm_subnet.control_plane", "azurerm_subnet.worker"].flatMap((key) =>
      nestedBlocks(resource(networking, key), "lifecycle").flatMap((lifecycle) => nestedBlocks(lifecycle, "precondition")),
    );
    const referenced = new Set<string>();
    for (const precondition of preconditions) {
      for (const reference of await referencesIn(precondition.condition)) referenced.add(reference.split(".").slice(0, 2).join("."));
    }
    expect(referenced).toContain("local.subnet_inside_address_space");
    expect(referenced).toContain("local.subnets_overlap");
  });
});

describe("aks-cluster module", () => {
  const cluster = (): HclBlock => {
    const clusters = resourcesOfType(moduleAt("modules/aks-cluster"), "azurerm_kubernetes_cluster");
    expect(clusters).toHaveLength(1);
    return clusters[0]![1];
  };

  it("puts the node pool into the worker subnet that carries the NSG", async () => {
    const pool = nestedBlock(cluster(), "default_node_pool");
    expect(await soleReference(pool.vnet_subnet_id)).toBe("var.node_subnet_id");
    const passed = await soleReference(config.root.moduleCalls.get("aks_cluster")!.node_subnet_id);
    const [, callName, outputName] = passed.split(".");
    expect(callName).toBe("networking");
    const networking = childOf(config.root, "networking");
    let target = await soleReference(networking.outputs.get(outputName!)!.value);
    if (target.startsWith("azurerm_subnet_network_security_group_association.")) {
      target = await soleReference(resource(networking, target.split(".").slice(0, 2).join(".")).subnet_id);
    }
    expect(target).toBe("azurerm_subnet.worker.id");
    const apiServer = nestedBlock(cluster(), "api_server_access_profile");
    expect(await soleReference(apiServer.subnet_id)).toBe("var.api_server_subnet_id");
    expect(await soleReference(config.root.moduleCalls.get("aks_cluster")!.api_server_subnet_id)).toBe("module.networking.control_plane_subnet_id");
  });

  it("autoscales the node pool between min and max variables, 1 to 3 by default", () => {
    const aks = moduleAt("modules/aks-cluster");
    const pool = nestedBlock(cluster(), "default_node_pool");
    expect(pool.auto_scaling_enabled).toBe(true);
    expect(pool.min_count).toBe("${var.node_min_count}");
    expect(pool.max_count).toBe("${var.node_max_count}");
    expect(pool.node_count, "the autoscaler owns node_count").toBeUndefined();
    expect(aks.variables.get("node_min_count")?.default).toBe(1);
    expect(aks.variables.get("node_max_count")?.default).toBe(3);
    expect(resolveStatic(pool.min_count, childScope("aks_cluster"))).toBe(1);
    expect(resolveStatic(pool.max_count, childScope("aks_cluster"))).toBe(3);
  });

  it("runs as a managed identity with Azure CNI", () => {
    const aks = cluster();
    expect(aks.service_principal).toBeUndefined();
    expect(["UserAssigned", "SystemAssigned"]).toContain(nestedBlock(aks, "identity").type);
    expect(nestedBlock(aks, "network_profile").network_plugin).toBe("azure");
  });

  it("enables the OIDC issuer and workload identity, tied by a precondition", async () => {
    const aks = cluster();
    const scope = childScope("aks_cluster");
    expect(resolveStatic(aks.oidc_issuer_enabled, scope)).toBe(true);
    expect(resolveStatic(aks.workload_identity_enabled, scope)).toBe(true);
    const preconditions = nestedBlocks(nestedBlock(aks, "lifecycle"), "precondition");
    const tying = [];
    for (const precondition of preconditions) {
      const references = await referencesIn(precondition.condition);
      if (references.includes("var.oidc_issuer_enabled") && references.includes("var.workload_identity_enabled")) tying.push(precondition);
    }
    expect(tying).toHaveLength(1);
    const minMax = [];
    for (const precondition of preconditions) {
      const references = await referencesIn(precondition.condition);
      if (references.includes("var.node_min_count") && references.includes("var.node_max_count")) minMax.push(precondition);
    }
    expect(minMax, "node_min_count <= node_max_count is checked").toHaveLength(1);
  });

  it("wires Container Insights to the Log Analytics workspace of the monitoring module", async () => {
    const aks = moduleAt("modules/aks-cluster");
    const omsAgent = nestedBlock(cluster(), "oms_agent");
    expect(await soleReference(omsAgent.log_analytics_workspace_id)).toBe("var.log_analytics_workspace_id");
    expect(omsAgent.msi_auth_for_monitoring_enabled).toBe(true);
    expect(await soleReference(config.root.moduleCalls.get("aks_cluster")!.log_analytics_workspace_id)).toBe(
      "module.monitoring.log_analytics_workspace_id",
    );
    const [, rule] = resourcesOfType(aks, "azurerm_monitor_data_collection_rule")[0]!;
    expect(await soleReference(nestedBlock(nestedBlock(rule, "destinations"), "log_analytics").workspace_resource_id)).toBe(
      "var.log_analytics_workspace_id",
    );
    const [, association] = resourcesOfType(aks, "azurerm_monitor_data_collection_rule_association")[0]!;
    expect(await soleReference(association.target_resource_id)).toBe("azurerm_kubernetes_cluster.this.id");
  });
});

describe("key-vault module", () => {
  it("authorises with RBAC only", () => {
    const [, vault] = resourcesOfType(moduleAt("modules/key-vault"), "azurerm_key_vault")[0]!;
    expect(vault.rbac_authorization_enabled).toBe(true);
    expect(vault.access_policy).toBeUndefined();
    expect(vault.enable_rbac_authorization, "renamed to rbac_authorization_enabled in azurerm 4.x").toBeUndefined();
  });

  it("binds the app identity to system:serviceaccount:orders:orders on the cluster's OIDC issuer", async () => {
    const keyVault = moduleAt("modules/key-vault");
    const scope = childScope("key_vault");
    const credentials = resourcesOfType(keyVault, "azurerm_federated_identity_credential");
    expect(credentials).toHaveLength(1);
    const [, credential] = credentials[0]!;
    expect(resolveStatic(credential.subject, scope)).toBe("system:serviceaccount:orders:orders");
    expect(resolveStatic(credential.audience, scope)).toEqual(["api://AzureADTokenExchange"]);
    expect(await soleReference(credential.issuer)).toBe("var.oidc_issuer_url");
    expect(await soleReference(config.root.moduleCalls.get("key_vault")!.oidc_issuer_url)).toBe("module.aks_cluster.oidc_issuer_url");
    expect(await soleReference(credential.user_assigned_identity_id)).toMatch(/^azurerm_user_assigned_identity\.[^.]+\.id$/);
    expect(credential.parent_id, "parent_id is deprecated in late azurerm 4.x").toBeUndefined();
  });

  it("grants that identity Key Vault Secrets User on the vault", async () => {
    const keyVault = moduleAt("modules/key-vault");
    const credential = resourcesOfType(keyVault, "azurerm_federated_identity_credential")[0]![1];
    const identity = (await soleReference(credential.user_assigned_identity_id)).split(".").slice(0, 2).join(".");
    const grants = [];
    for (const [, assignment] of resourcesOfType(keyVault, "azurerm_role_assignment")) {
      if (assignment.role_definition_name !== "Key Vault Secrets User") continue;
      expect(await soleReference(assignment.scope)).toMatch(/^azurerm_key_vault\.[^.]+\.id$/);
      expect(await soleReference(assignment.principal_id)).toBe(`${identity}.principal_id`);
      grants.push(assignment);
    }
    expect(grants).toHaveLength(1);
  });
});

describe("monitoring module", () => {
  const expectedAlerts = {
    node_cpu_usage_percentage: 80,
    node_memory_working_set_percentage: 80,
    node_disk_usage_percentage: 90,
  };

  it("alerts on node CPU > 80%, memory working set > 80% and disk > 90%, each over 5 minutes", () => {
    const monitoring = moduleAt("modules/monitoring");
    const scope = childScope("monitoring");
    const seen: Record<string, number> = {};
    for (const [key, alert] of resourcesOfType(monitoring, "azurerm_monitor_metric_alert")) {
      expect(alert.window_size, key).toBe("PT5M");
      const criteria = nestedBlock(alert, "criteria");
      expect(resolveStatic(criteria.metric_namespace, scope), key).toBe("Microsoft.ContainerService/managedClusters");
      expect(criteria.operator, key).toBe("GreaterThan");
      expect(criteria.aggregation, key).toBe("Average");
      seen[String(criteria.metric_name)] = criteria.threshold as number;
    }
    expect(seen).toEqual(expectedAlerts);
  });

  it("watches the cluster and e-mails the address in a validated variable", async () => {
    const monitoring = moduleAt("modules/monitoring");
    const groups = resourcesOfType(monitoring, "azurerm_monitor_action_group");
    expect(groups).toHaveLength(1);
    const [groupKey, group] = groups[0]!;
    expect(await soleReference(nestedBlock(group, "email_receiver").email_address)).toBe("var.alert_email");
    expect(nestedBlocks(monitoring.variables.get("alert_email")!, "validation")).not.toHaveLength(0);
    expect(await soleReference(config.root.moduleCalls.get("monitoring")!.alert_email)).toBe("var.alert_email");
    for (const [key, alert] of resourcesOfType(monitoring, "azurerm_monitor_metric_alert")) {
      expect(alert.scopes, key).toEqual(["${var.kubernetes_cluster_id}"]);
      expect(await soleReference(nestedBlock(alert, "action").action_group_id), key).toBe(`${groupKey}.id`);
    }
    expect(await soleReference(config.root.moduleCalls.get("monitoring")!.kubernetes_cluster_id)).toBe("module.aks_cluster.id");
    expect(resourcesOfType(monitoring, "azurerm_log_analytics_workspace")).toHaveLength(1);
  });
});

describe("root module", () => {
  it("outputs what the cdk8s chart and the pipeline need", () => {
    for (const name of ["aks_oidc_issuer_url", "key_vault_uri", "app_identity_client_id", "container_registry_login_server", "kube_config"]) {
      expect(config.root.outputs.has(name), `output ${name}`).toBe(true);
    }
    expect(config.root.outputs.get("kube_config")!.sensitive).toBe(true);
  });

  it("lets AKS pull from the registry with AcrPull for the kubelet identity", async () => {
    const registry = childOf(config.root, "container_registry");
    const pulls = resourcesOfType(registry, "azurerm_role_assignment").filter(([, assignment]) => assignment.role_definition_name === "AcrPull");
    expect(pulls).toHaveLength(1);
    expect(await soleReference(pulls[0]![1].principal_id)).toBe("var.pull_principal_id");
    expect(await soleReference(config.root.moduleCalls.get("container_registry")!.pull_principal_id)).toBe("module.aks_cluster.kubelet_object_id");
  });

  it("has a terraform.tfvars.example that sets every required root variable and nothing undeclared", () => {
    const required = [...config.root.variables].filter(([, variable]) => !("default" in variable)).map(([name]) => name);
    expect(Object.keys(tfvars).filter((name) => !config.root.variables.has(name))).toEqual([]);
    expect(required.filter((name) => !(name in tfvars))).toEqual([]);
    expect((tfvars.allowed_source_addresses as string[]).some((source) => WILDCARD_SOURCES.has(source.toLowerCase()))).toBe(false);
  });

  it("documents init/plan/apply, every module and what was not run, in terraform/README.md", () => {
    const readme = readFileSync(path.join(terraformDir, "README.md"), "utf8");
    for (const command of ["terraform init", "terraform plan", "terraform apply", "-backend-config"]) expect(readme).toContain(command);
    for (const dir of ["networking", "aks-cluster", "key-vault", "monitoring", "container-registry"]) expect(readme).toContain(`modules/${dir}`);
    expect(readme).toMatch(/^#+ .*not (been )?run/im);
  });
});

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
    copyFileSync(path.join(terraformDir, "variables.tf"), path.join(variablesDir, "variables.tf"));
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
