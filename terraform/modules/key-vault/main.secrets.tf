# Terraform itself writes the session secret and the TLS certificate, so the
# identities that apply it need the data-plane roles for them on this vault.
resource "azurerm_role_assignment" "deployer" {
  for_each = local.deployer_role_assignments

  scope                = azurerm_key_vault.this.id
  role_definition_name = each.value.role
  principal_id         = each.value.principal_id
}

# New role assignments take a while to reach Key Vault's data plane; without
# the pause the first apply fails with 403 on the secret and the certificate.
resource "time_sleep" "deployer_roles" {
  create_duration = "90s"

  triggers = {
    roles = join(",", [for assignment in azurerm_role_assignment.deployer : assignment.id])
  }
}

# The key that encrypts the staff session cookies. It is ephemeral and written
# through a write-only argument: it is never stored in the plan or the state.
# Raise session_secret_version to rotate it (signs everyone out).
ephemeral "random_bytes" "session_secret" {
  length = 48
}

resource "azurerm_key_vault_secret" "session_secret" {
  name             = var.session_secret_name
  key_vault_id     = azurerm_key_vault.this.id
  value_wo         = ephemeral.random_bytes.session_secret.base64
  value_wo_version = var.session_secret_version
  content_type     = "base64, 48 random bytes"

  depends_on = [time_sleep.deployer_roles]
}

# The read-only plan identity refreshes the certificate (metadata: Key Vault
# Reader) and the session secret (azurerm reads a secret's value: Secrets User
# on that one secret, not on the database secrets beside it).
resource "azurerm_role_assignment" "plan_reader" {
  for_each = toset(var.plan_reader_principal_ids)

  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Reader"
  principal_id         = each.value
}

resource "azurerm_role_assignment" "plan_session_secret_reader" {
  for_each = toset(var.plan_reader_principal_ids)

  scope                = "${azurerm_key_vault.this.id}/secrets/${azurerm_key_vault_secret.session_secret.name}"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = each.value
}
