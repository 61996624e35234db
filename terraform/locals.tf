locals {
  name_prefix = "${var.project}-${var.environment}"

  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })

  resource_group_name         = "rg-${local.name_prefix}"
  virtual_network_name        = "vnet-${local.name_prefix}"
  network_security_group_name = "nsg-${local.name_prefix}-workers"
  cluster_name                = "aks-${local.name_prefix}"
  log_analytics_name          = "log-${local.name_prefix}"
  action_group_name           = "ag-${local.name_prefix}-ops"
  action_group_short_name     = substr("${var.project}-ops", 0, 12)
  app_identity_name           = "id-${local.name_prefix}-app"

  # Fixed by the cdk8s chart: the Orders pods run in this namespace under this
  # service account, which carries the app identity's client ID.
  app_kubernetes_namespace       = "orders"
  app_kubernetes_service_account = "orders"

  # Secrets the server reads at start-up. Their values are set out of band
  # (see README); Terraform only grants the app identity read access.
  key_vault_secret_names = ["server-name", "database-name", "server-username", "server-password"]
}
