output "id" {
  description = "Resource ID of the Key Vault."
  value       = azurerm_key_vault.this.id
}

output "name" {
  description = "Name of the Key Vault."
  value       = azurerm_key_vault.this.name
}

output "vault_uri" {
  description = "URI the app reads secrets from, e.g. https://<name>.vault.azure.net/."
  value       = azurerm_key_vault.this.vault_uri
}

output "app_identity_client_id" {
  description = "Client ID of the app identity; goes into the service account annotation azure.workload.identity/client-id."
  value       = azurerm_user_assigned_identity.app.client_id
}

output "app_identity_principal_id" {
  description = "Object (principal) ID of the app identity."
  value       = azurerm_user_assigned_identity.app.principal_id
}

output "federated_credential_subject" {
  description = "Service-account subject the app identity trusts."
  value       = azurerm_federated_identity_credential.app.subject
}

output "tls_certificate_versionless_id" {
  description = "Versionless URI of the TLS certificate (https://<vault>.vault.azure.net/certificates/<name>), so the gateway picks up renewals."
  value       = azurerm_key_vault_certificate.tls.versionless_id
}

output "session_secret_name" {
  description = "Name of the Key Vault secret with the session cookie key."
  value       = azurerm_key_vault_secret.session_secret.name
}

output "gateway_tls_identity_client_id" {
  description = "Client ID of the identity that reads the TLS certificate; goes into the gateway TLS service account's azure.workload.identity/client-id annotation."
  value       = azurerm_user_assigned_identity.gateway_tls.client_id
}
