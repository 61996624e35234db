/**
 * Offline checks of the root module's outputs and inputs, and of the modules
 * behind the staff sign-in (Entra ID app), DNS and the pipeline agents.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModule, nestedBlock, resolveStatic, soleReference } from "./terraform/hcl.js";
import { type TerraformContext, dynamicContents, resource, resourcesOfType, terraformContext, terraformDir } from "./terraform/context.js";

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

/** Outputs other parts read by name (cdk8s chart, pipelines); renaming one breaks them. */
const CONTRACT_OUTPUTS = [
  "oidc_issuer",
  "oidc_client_id",
  "oidc_audience",
  "public_url",
  "tls_certificate_uri",
  "session_secret_name",
  "devops_pool_name",
  "aks_oidc_issuer_url",
  "key_vault_uri",
  "key_vault_name",
  "app_identity_client_id",
  "container_registry_login_server",
  "resource_group_name",
  "aks_cluster_name",
];

describe("Entra ID app registration (staff sign-in)", () => {
  it("defines Orders.Read and Orders.Write with stable ids, for users and applications", () => {
    const entra = tf.moduleAt("modules/entra-app");
    const app = resource(entra, "azuread_application.orders");
    const [role] = dynamicContents(app, "app_role");
    expect(role).toMatchObject({ allowed_member_types: ["User", "Application"], value: "${app_role.key}", enabled: true });
    expect(role!.id).toBe("${local.app_role_ids[app_role.key]}");
    expect(entra.locals.get("app_role_ids")).toBe('${{ for value, role in local.app_roles : value => uuidv5("url", "urn:orders:app-role:${value}") }}');
    const roles = entra.locals.get("app_roles") as Record<string, { display_name: string }>;
    expect(Object.fromEntries(Object.entries(roles).map(([value, definition]) => [value, definition.display_name]))).toEqual({
      "Orders.Read": "Read orders",
      "Orders.Write": "Add orders",
    });
  });

  it("issues v2 tokens, redirects to <public_url>/auth/callback (and home after sign-out) and has an api:// identifier URI", () => {
    const entra = tf.moduleAt("modules/entra-app");
    const app = resource(entra, "azuread_application.orders");
    expect(nestedBlock(app, "api").requested_access_token_version).toBe(2);
    const web = nestedBlock(app, "web");
    expect(web.redirect_uris).toEqual(["${var.public_url}/auth/callback", "${var.public_url}/"]);
    expect(web.logout_url).toBeUndefined();
    expect(nestedBlock(web, "implicit_grant")).toEqual({ access_token_issuance_enabled: false, id_token_issuance_enabled: false });
    expect(resource(entra, "azuread_application_identifier_uri.orders").identifier_uri).toBe("api://${azuread_application.orders.client_id}");
    expect(resolveStatic(tf.config.root.moduleCalls.get("entra_app")!.public_url, tf.rootScope())).toBe("https://orders.retail.example.com");
  });

  it("trusts the cluster's OIDC issuer for system:serviceaccount:orders:orders, with no client secret", async () => {
    const entra = tf.moduleAt("modules/entra-app");
    const credential = resource(entra, "azuread_application_federated_identity_credential.aks");
    expect(credential.audiences).toEqual(["api://AzureADTokenExchange"]);
    expect(resolveStatic(credential.subject, tf.childScope("entra_app"))).toBe("system:serviceaccount:orders:orders");
    expect(await soleReference(tf.config.root.moduleCalls.get("entra_app")!.oidc_issuer_url)).toBe("module.aks_cluster.oidc_issuer_url");
    expect([...entra.resources.keys()].filter((key) => /password|certificate/.test(key))).toEqual([]);
  });

  it("assigns the roles to the groups named in validated variables, and requires an assignment to sign in", () => {
    const entra = tf.moduleAt("modules/entra-app");
    expect(resource(entra, "azuread_service_principal.orders").app_role_assignment_required).toBe(true);
    const assignment = resource(entra, "azuread_app_role_assignment.groups");
    expect(assignment.app_role_id).toBe("${azuread_application.orders.app_role_ids[each.value.role]}");
    for (const name of ["orders_reader_group_object_ids", "orders_writer_group_object_ids"]) {
      const variable = tf.config.root.variables.get(name)!;
      expect(variable.type).toBe("${list(string)}");
      expect(String((variable.validation as { condition: string }[])[0]!.condition)).toContain("[0-9a-fA-F]{8}");
    }
  });
});

describe("DNS and the pipeline agents", () => {
  it("points the staff host name at the gateway: a private zone linked to the VNet, or a public zone", async () => {
    const dns = tf.moduleAt("modules/staff-dns");
    expect(resourcesOfType(dns, "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(1);
    for (const key of ["azurerm_private_dns_a_record.internal", "azurerm_dns_a_record.public"]) expect(resource(dns, key).records).toEqual(["${var.ip_address}"]);
    expect(await soleReference(tf.config.root.moduleCalls.get("staff_dns")!.ip_address)).toBe("module.networking.ingress_ip_address");
  });

  it("runs a Managed DevOps Pool in the pipeline subnet, with the dev center project it needs", async () => {
    const pool = tf.moduleAt("modules/devops-pool");
    const mdp = resource(pool, "azurerm_managed_devops_pool.this");
    expect(await soleReference(nestedBlock(mdp, "virtual_machine_scale_set_fabric").subnet_id)).toBe("var.subnet_id");
    expect(await soleReference(mdp.dev_center_project_id)).toBe("azurerm_dev_center_project.this.id");
    expect(await soleReference(tf.config.root.moduleCalls.get("devops_pool")!.subnet_id)).toBe("module.networking.devops_pool_subnet_id");
    const roles = resourcesOfType(pool, "azurerm_role_assignment").map(([, grant]) => grant.for_each);
    expect(roles).toEqual(['${toset(["Reader", "Network Contributor"])}']);
  });
});

describe("root module", () => {
  it("outputs what the cdk8s chart and the pipelines read, and no kubeconfig", () => {
    for (const name of CONTRACT_OUTPUTS) expect(tf.config.root.outputs.has(name), `output ${name}`).toBe(true);
    expect(tf.config.root.outputs.has("kube_config")).toBe(false);
    expect(tf.config.root.outputs.get("oidc_audience")!.value, "v2 access tokens carry the client ID as aud").toBe("${module.entra_app.client_id}");
    expect(tf.config.root.outputs.get("oidc_issuer")!.value).toBe("${module.entra_app.issuer}");
    expect(tf.moduleAt("modules/entra-app").outputs.get("issuer")!.value).toBe("https://login.microsoftonline.com/${data.azuread_client_config.current.tenant_id}/v2.0");
    expect(resolveStatic("${local.public_url}", tf.rootScope())).toBe("https://orders.retail.example.com");
  });

  it("lets AKS pull from the registry with AcrPull for the kubelet identity", async () => {
    const registry = tf.childOf(tf.config.root, "container_registry");
    const pulls = resourcesOfType(registry, "azurerm_role_assignment").filter(([, assignment]) => assignment.role_definition_name === "AcrPull");
    expect(pulls).toHaveLength(1);
    expect(await soleReference(pulls[0]![1].principal_id)).toBe("var.pull_principal_id");
    expect(await soleReference(tf.config.root.moduleCalls.get("container_registry")!.pull_principal_id)).toBe("module.aks_cluster.kubelet_object_id");
  });

  it("has a terraform.tfvars.example that sets every required root variable and nothing undeclared", () => {
    const required = [...tf.config.root.variables].filter(([, variable]) => !("default" in variable)).map(([name]) => name);
    expect(Object.keys(tf.tfvars).filter((name) => !tf.config.root.variables.has(name))).toEqual([]);
    expect(required.filter((name) => !(name in tf.tfvars))).toEqual([]);
    const example = readFileSync(path.join(terraformDir, "terraform.tfvars.example"), "utf8");
    for (const name of ["ingress_exposure", "ingress_allowed_cidrs", "orders_reader_group_object_ids", "orders_writer_group_object_ids", "tls_certificate_issuer"]) {
      expect(example, `terraform.tfvars.example shows ${name}`).toContain(name);
    }
  });

  it("has one example per exposure scenario, each passing every required root variable and nothing undeclared", async () => {
    const required = [...tf.config.root.variables].filter(([, variable]) => !("default" in variable)).map(([name]) => name);
    const exposures: Record<string, unknown> = {};
    for (const scenario of ["internal", "public"]) {
      const example = await loadModule(path.join(terraformDir, "examples", scenario));
      const [call] = [...example.moduleCalls.values()];
      expect(call?.source, `examples/${scenario}`).toBe("../..");
      const passed = Object.keys(call!).filter((key) => key !== "source");
      expect(passed.filter((name) => !tf.config.root.variables.has(name)), `examples/${scenario} passes undeclared variables`).toEqual([]);
      expect(required.filter((name) => !passed.includes(name)), `examples/${scenario} misses required variables`).toEqual([]);
      exposures[scenario] = { exposure: call!.ingress_exposure, ranges: Array.isArray(call!.ingress_allowed_cidrs) && call!.ingress_allowed_cidrs.length > 0 };
    }
    expect(exposures).toEqual({ internal: { exposure: "internal", ranges: false }, public: { exposure: "public", ranges: true } });
  });

  it("documents init/plan/apply, every module, the offline checks and what was not run, in terraform/README.md", () => {
    const readme = readFileSync(path.join(terraformDir, "README.md"), "utf8");
    for (const command of ["terraform init", "terraform plan", "terraform apply", "-backend-config", "npm run check:terraform"]) expect(readme).toContain(command);
    for (const dir of ["networking", "aks-cluster", "key-vault", "monitoring", "container-registry", "entra-app", "staff-dns", "devops-pool"]) {
      expect(readme).toContain(`modules/${dir}`);
    }
    expect(readme).toMatch(/^#+ .*not (been )?run/im);
  });
});
