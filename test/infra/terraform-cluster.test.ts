/**
 * Offline checks of terraform/modules/aks-cluster: where the nodes sit, how
 * the cluster is upgraded, its network policy engine, and the Gateway API.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type HclBlock, nestedBlock, nestedBlocks, referencesIn, resolveStatic, soleReference } from "./terraform/hcl.js";
import { type TerraformContext, preconditionsOf, resource, resourcesOfType, terraformContext } from "./terraform/context.js";

let tf: TerraformContext;
beforeAll(async () => {
  tf = await terraformContext();
});

const cluster = (): HclBlock => {
  const clusters = resourcesOfType(tf.moduleAt("modules/aks-cluster"), "azurerm_kubernetes_cluster");
  expect(clusters).toHaveLength(1);
  return clusters[0]![1];
};

describe("aks-cluster module", () => {
  it("puts the node pool into the worker subnet that carries the NSG", async () => {
    const pool = nestedBlock(cluster(), "default_node_pool");
    expect(await soleReference(pool.vnet_subnet_id)).toBe("var.node_subnet_id");
    const passed = await soleReference(tf.config.root.moduleCalls.get("aks_cluster")!.node_subnet_id);
    const [, callName, outputName] = passed.split(".");
    expect(callName).toBe("networking");
    const networking = tf.childOf(tf.config.root, "networking");
    let target = await soleReference(networking.outputs.get(outputName!)!.value);
    if (target.startsWith("azurerm_subnet_network_security_group_association.")) {
      target = await soleReference(resource(networking, target.split(".").slice(0, 2).join(".")).subnet_id);
    }
    expect(target).toBe("azurerm_subnet.worker.id");
    const apiServer = nestedBlock(cluster(), "api_server_access_profile");
    expect(await soleReference(apiServer.subnet_id)).toBe("var.api_server_subnet_id");
    expect(apiServer.virtual_network_integration_enabled).toBe(true);
    expect(await soleReference(tf.config.root.moduleCalls.get("aks_cluster")!.api_server_subnet_id)).toBe("module.networking.control_plane_subnet_id");
  });

  it("autoscales the node pool between min and max variables, 2 to 3 by default, never below 2", () => {
    const aks = tf.moduleAt("modules/aks-cluster");
    const pool = nestedBlock(cluster(), "default_node_pool");
    expect(pool.auto_scaling_enabled).toBe(true);
    expect(pool.min_count).toBe("${var.node_min_count}");
    expect(pool.max_count).toBe("${var.node_max_count}");
    expect(pool.node_count, "the autoscaler owns node_count").toBeUndefined();
    expect(aks.variables.get("node_min_count")?.default).toBe(2);
    expect(aks.variables.get("node_max_count")?.default).toBe(3);
    expect(resolveStatic(pool.min_count, tf.childScope("aks_cluster"))).toBe(2);
    expect(resolveStatic(pool.max_count, tf.childScope("aks_cluster"))).toBe(3);
    for (const module of [aks, tf.config.root]) {
      expect(String(nestedBlocks(module.variables.get("node_min_count")!, "validation")[0]!.condition)).toContain("var.node_min_count >= 2");
    }
  });

  it("runs as a managed identity with Azure CNI Overlay and Cilium, which enforces NetworkPolicies", () => {
    const aks = cluster();
    expect(aks.service_principal).toBeUndefined();
    expect(["UserAssigned", "SystemAssigned"]).toContain(nestedBlock(aks, "identity").type);
    const network = nestedBlock(aks, "network_profile");
    expect(network).toMatchObject({ network_plugin: "azure", network_plugin_mode: "overlay", network_data_plane: "cilium", network_policy: "cilium" });
  });

  it("enables the OIDC issuer and workload identity, tied by a precondition, and checks min <= max", async () => {
    const aks = cluster();
    const scope = tf.childScope("aks_cluster");
    expect(resolveStatic(aks.oidc_issuer_enabled, scope)).toBe(true);
    expect(resolveStatic(aks.workload_identity_enabled, scope)).toBe(true);
    const tying = [];
    const minMax = [];
    for (const precondition of preconditionsOf(aks)) {
      const references = await referencesIn(precondition.condition);
      if (references.includes("var.oidc_issuer_enabled") && references.includes("var.workload_identity_enabled")) tying.push(precondition);
      if (references.includes("var.node_min_count") && references.includes("var.node_max_count")) minMax.push(precondition);
    }
    expect(tying).toHaveLength(1);
    expect(minMax, "node_min_count <= node_max_count is checked").toHaveLength(1);
  });

  it("upgrades patches and node images automatically, each in its own weekly window, from a minor version only", () => {
    const aks = cluster();
    expect(resolveStatic(aks.automatic_upgrade_channel, tf.childScope("aks_cluster"))).toBe("patch");
    expect(aks.node_os_upgrade_channel).toBe("NodeImage");
    const autoUpgrade = nestedBlock(aks, "maintenance_window_auto_upgrade");
    const nodeOs = nestedBlock(aks, "maintenance_window_node_os");
    for (const window of [autoUpgrade, nodeOs]) expect(window).toMatchObject({ frequency: "Weekly", interval: 1, duration: "${local.maintenance_window_hours}" });
    expect(autoUpgrade.day_of_week).toBe("${var.maintenance_window.day_of_week}");
    expect(nodeOs.day_of_week).toBe("${var.maintenance_window.node_os_day_of_week}");
    for (const module of [tf.moduleAt("modules/aks-cluster"), tf.config.root]) {
      expect(String(nestedBlocks(module.variables.get("kubernetes_version")!, "validation")[0]!.condition)).toContain('"^\\\\d+\\\\.\\\\d+$"');
    }
  });

  it("wires Container Insights to the Log Analytics workspace of the monitoring module", async () => {
    const aks = tf.moduleAt("modules/aks-cluster");
    const omsAgent = nestedBlock(cluster(), "oms_agent");
    expect(await soleReference(omsAgent.log_analytics_workspace_id)).toBe("var.log_analytics_workspace_id");
    expect(omsAgent.msi_auth_for_monitoring_enabled).toBe(true);
    expect(await soleReference(tf.config.root.moduleCalls.get("aks_cluster")!.log_analytics_workspace_id)).toBe("module.monitoring.log_analytics_workspace_id");
    const [, rule] = resourcesOfType(aks, "azurerm_monitor_data_collection_rule")[0]!;
    expect(await soleReference(nestedBlock(nestedBlock(rule, "destinations"), "log_analytics").workspace_resource_id)).toBe("var.log_analytics_workspace_id");
    const [, association] = resourcesOfType(aks, "azurerm_monitor_data_collection_rule_association")[0]!;
    expect(await soleReference(association.target_resource_id)).toBe("azurerm_kubernetes_cluster.this.id");
  });
});

describe("the way in: app routing with the Gateway API", () => {
  it("enables app routing without its managed NGINX, and the Secrets Store CSI driver for the certificate", () => {
    const aks = cluster();
    expect(nestedBlock(aks, "web_app_routing")).toMatchObject({ dns_zone_ids: [], default_nginx_controller: "None" });
    expect(nestedBlock(aks, "key_vault_secrets_provider").secret_rotation_enabled).toBe(true);
  });

  it("patches ingressProfile with azapi: managed Gateway API CRDs and the approuting-istio implementation", async () => {
    const aks = tf.moduleAt("modules/aks-cluster");
    const [, update] = resourcesOfType(aks, "azapi_update_resource")[0]!;
    expect(update.type).toBe("Microsoft.ContainerService/managedClusters@2026-04-01");
    expect(await soleReference(update.resource_id)).toBe("azurerm_kubernetes_cluster.this.id");
    expect(update.body).toEqual({ properties: { ingressProfile: "${local.gateway_api_ingress_profile}" } });
    expect(aks.locals.get("gateway_api_ingress_profile")).toEqual({
      gatewayAPI: { installation: "Standard" },
      webAppRouting: { enabled: true, gatewayAPIImplementations: { appRoutingIstio: { mode: "Enabled" } } },
    });
  });

  it("lets the control-plane identity attach the gateway frontend: the ingress subnet, and the public IP when public", () => {
    const aks = tf.moduleAt("modules/aks-cluster");
    const [, grant] = resourcesOfType(aks, "azurerm_role_assignment").find(([key]) => key.endsWith(".control_plane_network"))!;
    expect(grant.for_each).toBe("${local.network_scopes}");
    expect(String(tf.config.root.locals.get("ingress_network_scopes"))).toContain("ingress_public_ip = module.networking.ingress_public_ip_id");
  });

  it("gives deployers and admins a kubeconfig through Entra ID only (Cluster User role)", () => {
    const aks = tf.moduleAt("modules/aks-cluster");
    const roles = resourcesOfType(aks, "azurerm_role_assignment").map(([, assignment]) => assignment.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(["Azure Kubernetes Service Cluster User Role", "Azure Kubernetes Service RBAC Cluster Admin"]));
    expect(nestedBlock(cluster(), "azure_active_directory_role_based_access_control").admin_group_object_ids).toBe("${var.admin_group_object_ids}");
  });
});
