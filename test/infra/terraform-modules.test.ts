/**
 * Offline checks of the networking, key-vault and monitoring modules.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { nestedBlock, nestedBlocks, resolveStatic, soleReference } from "./terraform/hcl.js";
import { type TerraformContext, dynamicContents, preconditionReferences, resource, resourcesOfType, terraformContext } from "./terraform/context.js";

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

describe("networking module", () => {
  it("makes a resource group, the VNet (default 10.0.0.0/16) and the control-plane, worker, ingress and pipeline subnets", () => {
    const networking = tf.moduleAt("modules/networking");
    expect(resourcesOfType(networking, "azurerm_resource_group")).toHaveLength(1);
    expect(resourcesOfType(networking, "azurerm_virtual_network")).toHaveLength(1);
    expect(resourcesOfType(networking, "azurerm_subnet").map(([key]) => key).sort()).toEqual([
      "azurerm_subnet.control_plane",
      "azurerm_subnet.devops_pool",
      "azurerm_subnet.ingress",
      "azurerm_subnet.worker",
    ]);
    expect(resolveStatic(resource(networking, "azurerm_virtual_network.this").address_space, tf.childScope("networking"))).toEqual(["10.0.0.0/16"]);
    expect(tf.config.root.variables.get("vnet_address_space")?.default).toEqual(["10.0.0.0/16"]);
  });

  it("associates the NSG with the worker subnet", async () => {
    const networking = tf.moduleAt("modules/networking");
    const associations = resourcesOfType(networking, "azurerm_subnet_network_security_group_association");
    expect(associations).toHaveLength(1);
    const [, association] = associations[0]!;
    expect(await soleReference(association.subnet_id)).toBe("azurerm_subnet.worker.id");
    expect(await soleReference(association.network_security_group_id)).toMatch(/^azurerm_network_security_group\.[^.]+\.id$/);
  });

  it("checks that every subnet lies inside the VNet and that no two overlap (preconditions)", async () => {
    const networking = tf.moduleAt("modules/networking");
    const referenced = await preconditionReferences(networking);
    expect(referenced).toContain("local.subnet_inside_address_space");
    expect(referenced).toContain("local.overlapping_subnets");
    expect(Object.keys(networking.locals.get("subnet_prefixes") as object).sort()).toEqual(["control_plane", "devops_pool", "ingress", "worker"]);
  });

  it("gives the pipeline subnet the Managed DevOps Pool delegation and a NAT gateway with one static egress IP", async () => {
    const networking = tf.moduleAt("modules/networking");
    const subnet = resource(networking, "azurerm_subnet.devops_pool");
    expect(nestedBlock(nestedBlock(subnet, "delegation"), "service_delegation").name).toBe("Microsoft.DevOpsInfrastructure/pools");
    expect(subnet.default_outbound_access_enabled).toBe(false);
    const association = resource(networking, "azurerm_subnet_nat_gateway_association.devops_pool");
    expect(await soleReference(association.subnet_id)).toBe("azurerm_subnet.devops_pool.id");
    const ip = resource(networking, "azurerm_nat_gateway_public_ip_association.devops_pool");
    expect(await soleReference(ip.public_ip_address_id)).toBe("azurerm_public_ip.devops_pool_egress.id");
    expect(resource(networking, "azurerm_public_ip.devops_pool_egress").allocation_method).toBe("Static");
  });

  it("fixes the internal gateway address in the ingress subnet (its 5th address, after Azure's reserved four)", () => {
    const networking = tf.moduleAt("modules/networking");
    expect(networking.locals.get("ingress_private_ip_address")).toBe("${cidrhost(var.ingress_subnet_prefix, 4)}");
    expect(String(networking.outputs.get("ingress_ip_address")!.value)).toContain("local.ingress_private_ip_address");
  });
});

describe("key-vault module", () => {
  it("authorises with RBAC only", () => {
    const [, vault] = resourcesOfType(tf.moduleAt("modules/key-vault"), "azurerm_key_vault")[0]!;
    expect(vault.rbac_authorization_enabled).toBe(true);
    expect(vault.access_policy).toBeUndefined();
    expect(vault.enable_rbac_authorization, "renamed to rbac_authorization_enabled in azurerm 4.x").toBeUndefined();
  });

  it("binds the app identity to system:serviceaccount:orders:orders on the cluster's OIDC issuer", async () => {
    const keyVault = tf.moduleAt("modules/key-vault");
    const scope = tf.childScope("key_vault");
    const credential = resource(keyVault, "azurerm_federated_identity_credential.app");
    expect(resolveStatic(credential.subject, scope)).toBe("system:serviceaccount:orders:orders");
    expect(resolveStatic(credential.audience, scope)).toEqual(["api://AzureADTokenExchange"]);
    expect(await soleReference(credential.issuer)).toBe("var.oidc_issuer_url");
    expect(await soleReference(tf.config.root.moduleCalls.get("key_vault")!.oidc_issuer_url)).toBe("module.aks_cluster.oidc_issuer_url");
    expect(await soleReference(credential.user_assigned_identity_id)).toBe("azurerm_user_assigned_identity.app.id");
    expect(credential.parent_id, "parent_id is deprecated in late azurerm 4.x").toBeUndefined();
  });

  it("grants the app identity Key Vault Secrets User on the vault", async () => {
    const keyVault = tf.moduleAt("modules/key-vault");
    const grant = resource(keyVault, "azurerm_role_assignment.app_secrets_user");
    expect(grant.role_definition_name).toBe("Key Vault Secrets User");
    expect(await soleReference(grant.scope)).toBe("azurerm_key_vault.this.id");
    expect(await soleReference(grant.principal_id)).toBe("azurerm_user_assigned_identity.app.principal_id");
  });

  it("stores the session secret as session-secret, written by Terraform after its own roles have propagated", async () => {
    const keyVault = tf.moduleAt("modules/key-vault");
    const secret = resource(keyVault, "azurerm_key_vault_secret.session_secret");
    expect(resolveStatic(secret.name, tf.childScope("key_vault"))).toBe("session-secret");
    expect(secret.depends_on).toEqual(["${time_sleep.deployer_roles}"]);
  });

  it("holds the TLS certificate: imported from a PFX, or issued by Key Vault with an auto-renewing policy", async () => {
    const keyVault = tf.moduleAt("modules/key-vault");
    const certificate = resource(keyVault, "azurerm_key_vault_certificate.tls");
    const [imported] = dynamicContents(certificate, "certificate");
    expect(await soleReference(imported!.contents)).toBe("var.tls_certificate_pfx_base64");
    const [policy] = dynamicContents(certificate, "certificate_policy");
    expect(nestedBlock(policy!, "key_properties").exportable, "the gateway needs the private key").toBe(true);
    expect(nestedBlock(nestedBlock(policy!, "lifetime_action"), "action").action_type).toBe("AutoRenew");
    expect(nestedBlock(policy!, "x509_certificate_properties").subject).toBe("CN=${var.tls_certificate_fqdn}");
    expect(String(keyVault.outputs.get("tls_certificate_versionless_id")!.value)).toBe("${azurerm_key_vault_certificate.tls.versionless_id}");
  });

  it("lets app routing read that one certificate through a workload-identity service account", async () => {
    const keyVault = tf.moduleAt("modules/key-vault");
    const grant = resource(keyVault, "azurerm_role_assignment.gateway_tls_secret_user");
    expect(grant.role_definition_name).toBe("Key Vault Secrets User");
    expect(grant.scope).toBe("${azurerm_key_vault.this.id}/secrets/${azurerm_key_vault_certificate.tls.name}");
    expect(await soleReference(grant.principal_id)).toBe("azurerm_user_assigned_identity.gateway_tls.principal_id");
    const credential = resource(keyVault, "azurerm_federated_identity_credential.gateway_tls");
    expect(resolveStatic(credential.subject, tf.childScope("key_vault"))).toBe("system:serviceaccount:orders-gateway:orders-gateway-tls");
  });
});

describe("monitoring module", () => {
  const expectedAlerts = { node_cpu_usage_percentage: 80, node_memory_working_set_percentage: 80, node_disk_usage_percentage: 90 };

  it("alerts on node CPU > 80%, memory working set > 80% and disk > 90%, each over 5 minutes", () => {
    const monitoring = tf.moduleAt("modules/monitoring");
    const seen: Record<string, number> = {};
    for (const [key, alert] of resourcesOfType(monitoring, "azurerm_monitor_metric_alert")) {
      expect(alert.window_size, key).toBe("PT5M");
      const criteria = nestedBlock(alert, "criteria");
      expect(resolveStatic(criteria.metric_namespace, tf.childScope("monitoring")), key).toBe("Microsoft.ContainerService/managedClusters");
      expect(criteria.operator, key).toBe("GreaterThan");
      expect(criteria.aggregation, key).toBe("Average");
      seen[String(criteria.metric_name)] = criteria.threshold as number;
    }
    expect(seen).toEqual(expectedAlerts);
  });

  it("watches the cluster and e-mails the address in a validated variable", async () => {
    const monitoring = tf.moduleAt("modules/monitoring");
    const groups = resourcesOfType(monitoring, "azurerm_monitor_action_group");
    expect(groups).toHaveLength(1);
    const [groupKey, group] = groups[0]!;
    expect(await soleReference(nestedBlock(group, "email_receiver").email_address)).toBe("var.alert_email");
    expect(nestedBlocks(monitoring.variables.get("alert_email")!, "validation")).not.toHaveLength(0);
    expect(await soleReference(tf.config.root.moduleCalls.get("monitoring")!.alert_email)).toBe("var.alert_email");
    for (const [key, alert] of resourcesOfType(monitoring, "azurerm_monitor_metric_alert")) {
      expect(alert.scopes, key).toEqual(["${var.kubernetes_cluster_id}"]);
      expect(await soleReference(nestedBlock(alert, "action").action_group_id), key).toBe(`${groupKey}.id`);
    }
    expect(await soleReference(tf.config.root.moduleCalls.get("monitoring")!.kubernetes_cluster_id)).toBe("module.aks_cluster.id");
    expect(resourcesOfType(monitoring, "azurerm_log_analytics_workspace")).toHaveLength(1);
  });

  it("alerts when the Orders pods are not ready, from Container Insights, after two failing evaluations", () => {
    const monitoring = tf.moduleAt("modules/monitoring");
    const alert = resource(monitoring, "azurerm_monitor_scheduled_query_rules_alert_v2.pods_not_ready");
    const criteria = nestedBlock(alert, "criteria");
    expect(criteria).toMatchObject({ time_aggregation_method: "Count", operator: "GreaterThan", threshold: 0 });
    expect(nestedBlock(criteria, "failing_periods")).toEqual({ minimum_failing_periods_to_trigger_alert: 2, number_of_evaluation_periods: 2 });
    const query = String(monitoring.locals.get("pods_not_ready_query"));
    for (const part of ["KubePodInventory", "KubeEvents", "Readiness probe failed", 'let namespace = "${var.app_kubernetes_namespace}"']) expect(query).toContain(part);
    expect(resolveStatic(tf.config.root.moduleCalls.get("monitoring")!.app_kubernetes_namespace, tf.rootScope())).toBe("orders");
    expect(nestedBlock(alert, "action").action_groups).toEqual(["${azurerm_monitor_action_group.ops.id}"]);
  });

  it("sends the cluster's audit logs (kube-audit-admin, guard) and Key Vault's AuditEvent to the workspace", () => {
    const monitoring = tf.moduleAt("modules/monitoring");
    const cluster = resource(monitoring, "azurerm_monitor_diagnostic_setting.cluster_audit");
    const vault = resource(monitoring, "azurerm_monitor_diagnostic_setting.key_vault_audit");
    expect(cluster.target_resource_id).toBe("${var.kubernetes_cluster_id}");
    expect(vault.target_resource_id).toBe("${var.key_vault_id}");
    for (const setting of [cluster, vault]) {
      expect(setting.log_analytics_workspace_id).toBe("${azurerm_log_analytics_workspace.this.id}");
      expect(dynamicContents(setting, "enabled_log")[0]!.category).toBe("${enabled_log.value}");
    }
    expect(monitoring.locals.get("cluster_audit_log_categories")).toEqual(["kube-audit-admin", "guard"]);
    expect(monitoring.locals.get("key_vault_audit_log_categories")).toEqual(["AuditEvent"]);
  });
});
