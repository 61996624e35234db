output "client_id" {
  description = "Client (application) ID of the Orders app registration."
  value       = azuread_application.orders.client_id
}

output "identifier_uri" {
  description = "Application ID URI of the API (api://<client id>); tools request <uri>/.default."
  value       = azuread_application_identifier_uri.orders.identifier_uri
}

output "issuer" {
  description = "Issuer of the app's v2 tokens: https://login.microsoftonline.com/<tenant id>/v2.0."
  value       = "https://login.microsoftonline.com/${data.azuread_client_config.current.tenant_id}/v2.0"
}

output "app_role_ids" {
  description = "IDs of the Orders.Read and Orders.Write app roles, keyed by value."
  value       = local.app_role_ids
}

output "service_principal_object_id" {
  description = "Object ID of the app's service principal (the resource of role assignments)."
  value       = azuread_service_principal.orders.object_id
}

output "federated_credential_subject" {
  description = "Service-account subject the app's federated credential trusts."
  value       = azuread_application_federated_identity_credential.aks.subject
}
