module "networking" {
  source = "./modules/networking"

  resource_group_name         = local.resource_group_name
  location                    = var.location
  virtual_network_name        = local.virtual_network_name
  address_space               = var.vnet_address_space
  control_plane_subnet_prefix = var.control_plane_subnet_prefix
  worker_subnet_prefix        = var.worker_subnet_prefix
  ingress_subnet_prefix       = var.ingress_subnet_prefix
  devops_pool_subnet_prefix   = var.devops_pool_subnet_prefix
  network_security_group_name = local.network_security_group_name
  ingress_exposure            = var.ingress_exposure
  ingress_allowed_cidrs       = var.ingress_allowed_cidrs
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
  key_vault_id                 = module.key_vault.id
  app_kubernetes_namespace     = local.app_kubernetes_namespace
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
  automatic_upgrade_channel       = "patch"
  maintenance_window              = var.maintenance_window
  node_vm_size                    = var.node_vm_size
  node_min_count                  = var.node_min_count
  node_max_count                  = var.node_max_count
  node_subnet_id                  = module.networking.worker_subnet_id
  api_server_subnet_id            = module.networking.control_plane_subnet_id
  api_server_authorized_ip_ranges = local.api_server_authorized_ip_ranges
  ingress_network_scopes          = local.ingress_network_scopes
  admin_group_object_ids          = var.aks_admin_group_object_ids
  deployer_principal_ids          = var.aks_deployer_principal_ids
  cluster_user_principal_ids      = var.terraform_plan_principal_object_ids
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
  allowed_subnet_ids            = [module.networking.worker_subnet_id, module.networking.devops_pool_subnet_id]
  allowed_ip_ranges             = var.allowed_source_addresses
  app_identity_name             = local.app_identity_name
  kubernetes_namespace          = local.app_kubernetes_namespace
  kubernetes_service_account    = local.app_kubernetes_service_account
  oidc_issuer_url               = module.aks_cluster.oidc_issuer_url
  secrets_officer_principal_ids = var.key_vault_secrets_officer_principal_ids
  terraform_principal_ids       = var.terraform_principal_object_ids
  plan_reader_principal_ids     = var.terraform_plan_principal_object_ids
  session_secret_name           = local.session_secret_name
  session_secret_version        = var.session_secret_version
  tls_certificate_fqdn          = local.staff_fqdn
  tls_certificate_pfx_base64    = var.tls_certificate_pfx_base64
  tls_certificate_pfx_password  = var.tls_certificate_pfx_password
  tls_certificate_issuer        = var.tls_certificate_issuer
  gateway_tls_identity_name     = local.gateway_tls_identity_name
  gateway_tls_service_account   = local.gateway_tls_service_account
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

module "entra_app" {
  source = "./modules/entra-app"

  display_name               = local.app_registration_name
  public_url                 = local.public_url
  oidc_issuer_url            = module.aks_cluster.oidc_issuer_url
  kubernetes_namespace       = local.app_kubernetes_namespace
  kubernetes_service_account = local.app_kubernetes_service_account
  reader_group_object_ids    = var.orders_reader_group_object_ids
  writer_group_object_ids    = var.orders_writer_group_object_ids
  owner_object_ids           = var.terraform_principal_object_ids
}

module "staff_dns" {
  source = "./modules/staff-dns"

  exposure            = var.ingress_exposure
  zone_name           = var.dns_zone_name
  host_name           = var.staff_host_name
  ip_address          = module.networking.ingress_ip_address
  resource_group_name = module.networking.resource_group_name
  virtual_network_id  = module.networking.virtual_network_id
  tags                = local.tags
}

module "devops_pool" {
  source = "./modules/devops-pool"

  name                    = local.devops_pool_name
  dev_center_name         = local.dev_center_name
  dev_center_project_name = local.dev_center_project_name
  resource_group_name     = module.networking.resource_group_name
  location                = module.networking.location
  subnet_id               = module.networking.devops_pool_subnet_id
  virtual_network_id      = module.networking.virtual_network_id
  organization_url        = var.azure_devops_organization_url
  projects                = var.azure_devops_projects
  maximum_concurrency     = var.devops_pool_maximum_concurrency
  tags                    = local.tags
}
