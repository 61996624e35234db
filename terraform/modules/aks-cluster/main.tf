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
  for_each = local.cluster_subnets

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

  role_based_access_control_enabled = true
  oidc_issuer_enabled               = var.oidc_issuer_enabled
  workload_identity_enabled         = var.workload_identity_enabled

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

  network_profile {
    network_plugin    = "azure"
    load_balancer_sku = "standard"
    outbound_type     = "loadBalancer"
    service_cidr      = var.service_cidr
    dns_service_ip    = var.dns_service_ip
  }

  api_server_access_profile {
    authorized_ip_ranges                = var.api_server_authorized_ip_ranges
    subnet_id                           = var.api_server_subnet_id
    virtual_network_integration_enabled = true
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
      error_message = "workload_identity_enabled = true needs oidc_issuer_enabled = true: the federated credential trusts tokens from the cluster's OIDC issuer."
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

# With managed-identity authentication the monitoring add-on only ships data
# that a data collection rule associated with the cluster asks for.
resource "azurerm_monitor_data_collection_rule" "container_insights" {
  name                = local.data_collection_rule_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  destinations {
    log_analytics {
      name                  = "container-insights"
      workspace_resource_id = var.log_analytics_workspace_id
    }
  }

  data_flow {
    streams      = ["Microsoft-ContainerInsights-Group-Default"]
    destinations = ["container-insights"]
  }

  data_sources {
    extension {
      name           = "ContainerInsightsExtension"
      extension_name = "ContainerInsights"
      streams        = ["Microsoft-ContainerInsights-Group-Default"]
      extension_json = jsonencode({
        dataCollectionSettings = {
          interval               = "1m"
          namespaceFilteringMode = "Off"
          enableContainerLogV2   = true
        }
      })
    }
  }
}

resource "azurerm_monitor_data_collection_rule_association" "container_insights" {
  name                    = "ContainerInsightsExtension"
  target_resource_id      = azurerm_kubernetes_cluster.this.id
  data_collection_rule_id = azurerm_monitor_data_collection_rule.container_insights.id
  description             = "Sends Container Insights data of this cluster to the Log Analytics workspace."
}
