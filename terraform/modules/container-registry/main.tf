# Pushing and pulling use Entra identities and roles; the shared admin
# user (a long-lived password) stays off.
resource "azurerm_container_registry" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  sku                 = var.sku
  admin_enabled       = false
  tags                = var.tags
}

resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.this.id
  role_definition_name = "AcrPull"
  principal_id         = var.pull_principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "push" {
  for_each = toset(var.push_principal_ids)

  scope                = azurerm_container_registry.this.id
  role_definition_name = "AcrPush"
  principal_id         = each.value
}
