module "networking" {
  source = "./modules/networking"

  resource_group_name         = local.resource_group_name
  location                    = var.location
  virtual_network_name        = local.virtual_network_name
  address_space               = var.vnet_address_space
  control_plane_subnet_prefix = var.control_plane_subnet_prefix
  worker_subnet_prefix        = var.worker_subnet_prefix
  network_security_group_name = local.network_security_group_name
  allowed_source_addresses    = var.allowed_source_addresses
  tags                        = local.tags
}

module "monitoring" {
  source = "./modules/monitoring"

  resource_group_name          = module.networking.resource_group_name
  location                     = module.networking.location
  log_analytics_workspace_name = local.log_analytics_name
  log_retention_in_days        = var.log_retention_in_days
  action_group_name            = local.action_group_name
  action_group_short_name      = local.action_group_short_name
  alert_email                  = var.alert_email
  kubernetes_cluster_id        = module.aks_cluster.id
  alert_name_prefix            = local.cluster_name
  tags                         = local.tags
}

module "aks_cluster" {
  source = "./modules/aks-cluster"

  name                            = local.cluster_name
  resource_group_name             = module.networking.resource_group_name
  location                        = module.networking.location
  dns_prefix                      = local.cluster_name
  kubernetes_version              = var.kubernetes_version
  sku_tier                        = var.aks_sku_tier
  node_vm_size                    = var.node_vm_size
  node_min_count                  = var.node_min_count
  node_max_count                  = var.node_max_count
  node_subnet_id                  = module.networking.worker_subnet_id
  api_server_subnet_id            = module.networking.control_plane_subnet_id
  api_server_authorized_ip_ranges = var.allowed_source_addresses
  oidc_issuer_enabled             = true
  workload_identity_enabled       = true
  log_analytics_workspace_id      = module.monitoring.log_analytics_workspace_id
  tags                            = local.tags
}

module "key_vault" {
  source = "./modules/key-vault"

  name                          = var.key_vault_name
  resource_group_name           = module.networking.resource_group_name
  location                      = module.networking.location
  app_identity_name             = local.app_identity_name
  kubernetes_namespace          = local.app_kubernetes_namespace
  kubernetes_service_account    = local.app_kubernetes_service_account
  oidc_issuer_url               = module.aks_cluster.oidc_issuer_url
  secrets_officer_principal_ids = var.key_vault_secrets_officer_principal_ids
  tags                          = local.tags
}

module "container_registry" {
  source = "./modules/container-registry"

  name                = var.container_registry_name
  resource_group_name = module.networking.resource_group_name
  location            = module.networking.location
  pull_principal_id   = module.aks_cluster.kubelet_object_id
  push_principal_ids  = var.container_registry_push_principal_ids
  tags                = local.tags
}
