# Terraform itself writes the session secret and the TLS certificate, so the
# identity running it needs the data-plane roles for them on this vault.
resource "azurerm_role_assignment" "deployer" {
  for_each = toset(["Key Vault Secrets Officer", "Key Vault Certificates Officer"])

  scope                = azurerm_key_vault.this.id
  role_definition_name = each.value
  principal_id         = data.azurerm_client_config.current.object_id
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
