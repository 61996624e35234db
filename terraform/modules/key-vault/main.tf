data "azurerm_client_config" "current" {}

# Access is granted with Azure RBAC roles only; no access policies. The
# firewall admits the cluster's and the pipeline agents' subnets (service
# endpoints), the operators' addresses and trusted Azure services, nothing else.
resource "azurerm_key_vault" "this" {
  name                          = var.name
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = var.sku_name
  rbac_authorization_enabled    = true
  purge_protection_enabled      = var.purge_protection_enabled
  soft_delete_retention_days    = var.soft_delete_retention_days
  public_network_access_enabled = true
  tags                          = var.tags

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = var.allowed_subnet_ids
    ip_rules                   = local.firewall_ip_rules
  }
}

resource "azurerm_user_assigned_identity" "app" {
  name                = var.app_identity_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

# Binds the app identity to one Kubernetes service account: only pods running
# as that account, in that cluster, get tokens for the identity.
resource "azurerm_federated_identity_credential" "app" {
  name                      = replace("${var.kubernetes_namespace}-${var.kubernetes_service_account}", ".", "-")
  user_assigned_identity_id = azurerm_user_assigned_identity.app.id
  issuer                    = var.oidc_issuer_url
  subject                   = local.service_account_subject
  audience                  = [local.token_audience]
}

resource "azurerm_role_assignment" "app_secrets_user" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "secrets_officers" {
  for_each = toset(var.secrets_officer_principal_ids)

  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = each.value
}
