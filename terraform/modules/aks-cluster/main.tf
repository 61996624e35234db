# A user-assigned control-plane identity (rather than a system-assigned one or a
# service principal with a secret) can be granted rights on the subnets before
# the cluster exists, which API Server VNet Integration with an existing
# virtual network requires.
resource "azurerm_user_assigned_identity" "control_plane" {
  name                = local.control_plane_identity_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_role_assignment" "control_plane_network" {
  for_each = local.network_scopes

  scope                = each.value
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.control_plane.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_kubernetes_cluster" "this" {
  name                      = var.name
  location                  = var.location
  resource_group_name       = var.resource_group_name
  dns_prefix                = var.dns_prefix
  kubernetes_version        = var.kubernetes_version
  sku_tier                  = var.sku_tier
  automatic_upgrade_channel = var.automatic_upgrade_channel
  node_os_upgrade_channel   = "NodeImage"

  # Microsoft Entra ID for every user and pipeline, authorised with Azure RBAC;
  # no local accounts, so no static admin kubeconfig exists (pipelines use
  # kubelogin with their workload identity).
  role_based_access_control_enabled = true
  local_account_disabled            = true
  oidc_issuer_enabled               = var.oidc_issuer_enabled
  workload_identity_enabled         = var.workload_identity_enabled

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = var.admin_group_object_ids
  }

  default_node_pool {
    name                        = var.node_pool_name
    temporary_name_for_rotation = "rotation"
    vm_size                     = var.node_vm_size
    vnet_subnet_id              = var.node_subnet_id
    max_pods                    = var.max_pods
    auto_scaling_enabled        = true
    min_count                   = var.node_min_count
    max_count                   = var.node_max_count
    tags                        = var.tags

    upgrade_settings {
      max_surge = "10%"
    }
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.control_plane.id]
  }

  # Azure CNI Powered by Cilium enforces Kubernetes NetworkPolicies in eBPF in
  # the same data plane that routes pod traffic: no separate policy engine to
  # run or upgrade (Calico), and it is the engine AKS recommends now that
  # Azure Network Policy Manager is being retired. Cilium needs overlay (or a
  # pod subnet); overlay also stops pods from using up worker subnet addresses.
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    outbound_type       = "loadBalancer"
    pod_cidr            = var.pod_cidr
    service_cidr        = var.service_cidr
    dns_service_ip      = var.dns_service_ip
  }

  api_server_access_profile {
    authorized_ip_ranges                = var.api_server_authorized_ip_ranges
    subnet_id                           = var.api_server_subnet_id
    virtual_network_integration_enabled = true
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.maintenance_window.day_of_week
    start_time  = var.maintenance_window.start_time
    utc_offset  = var.maintenance_window.utc_offset
    duration    = local.maintenance_window_hours
  }

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.maintenance_window.node_os_day_of_week
    start_time  = var.maintenance_window.start_time
    utc_offset  = var.maintenance_window.utc_offset
    duration    = local.maintenance_window_hours
  }

  # The application routing add-on. Its managed NGINX controller is not
  # deployed ("None"; Azure support for it ends in November 2026): staff
  # traffic goes through the Gateway API implementation enabled in
  # main.gateway-api.tf. DNS records are Terraform's, so no zones are attached.
  web_app_routing {
    dns_zone_ids             = []
    default_nginx_controller = "None"
  }

  # The Secrets Store CSI driver, which app routing uses to sync the gateway's
  # TLS certificate from Key Vault into a Kubernetes secret (and rotate it).
  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  oms_agent {
    log_analytics_workspace_id      = var.log_analytics_workspace_id
    msi_auth_for_monitoring_enabled = true
  }

  tags = var.tags

  lifecycle {
    # The cluster autoscaler owns the node count between min_count and max_count.
    ignore_changes = [default_node_pool[0].node_count]

    precondition {
      condition     = !var.workload_identity_enabled || var.oidc_issuer_enabled
      error_message = "workload_identity_enabled = true needs oidc_issuer_enabled = true: the federated credentials trust tokens from the cluster's OIDC issuer."
    }

    precondition {
      condition     = var.node_min_count <= var.node_max_count
      error_message = "node_min_count (${var.node_min_count}) is greater than node_max_count (${var.node_max_count}); the autoscaler needs min <= max."
    }

    precondition {
      condition     = cidrhost("${var.dns_service_ip}/${local.service_cidr_length}", 0) == cidrhost(var.service_cidr, 0)
      error_message = "dns_service_ip (${var.dns_service_ip}) is not inside service_cidr (${var.service_cidr})."
    }
  }

  depends_on = [azurerm_role_assignment.control_plane_network]
}
