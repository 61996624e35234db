output "resource_group_name" {
  description = "Resource group holding every Orders resource."
  value       = module.networking.resource_group_name
}

output "aks_cluster_name" {
  description = "Name of the AKS cluster (for `az aks get-credentials`, then kubelogin; there is no admin kubeconfig)."
  value       = module.aks_cluster.name
}

output "aks_oidc_issuer_url" {
  description = "OIDC issuer URL of the cluster, trusted by the federated credentials of the app identity, the app registration and the gateway TLS identity."
  value       = module.aks_cluster.oidc_issuer_url
}

output "key_vault_name" {
  description = "Name of the Key Vault holding the Orders secrets."
  value       = module.key_vault.name
}

output "key_vault_uri" {
  description = "Key Vault URI the server reads its secrets from (cdk8s chart input KEY_VAULT_URL)."
  value       = module.key_vault.vault_uri
}

output "key_vault_secret_names" {
  description = "Secrets the server expects in the Key Vault whose values are set outside Terraform."
  value       = local.key_vault_secret_names
}

output "session_secret_name" {
  description = "Key Vault secret holding the session cookie key (SESSION_SECRET), written by Terraform with a random value."
  value       = module.key_vault.session_secret_name
}

output "app_identity_client_id" {
  description = "Client ID of the app identity, for the service account annotation azure.workload.identity/client-id (cdk8s chart input)."
  value       = module.key_vault.app_identity_client_id
}

output "app_kubernetes_service_account" {
  description = "Namespace and name of the service account the app identity and the app registration trust."
  value = {
    namespace = local.app_kubernetes_namespace
    name      = local.app_kubernetes_service_account
    subject   = module.key_vault.federated_credential_subject
  }
}

output "oidc_issuer" {
  description = "OIDC_ISSUER: issuer of the app registration's v2 tokens, https://login.microsoftonline.com/<tenant id>/v2.0."
  value       = module.entra_app.issuer
}

output "oidc_client_id" {
  description = "OIDC_CLIENT_ID: client ID of the Orders app registration (the server signs in as it with its pod's federated token)."
  value       = module.entra_app.client_id
}

output "oidc_audience" {
  description = "OIDC_AUDIENCE: the aud claim of the app's tokens. With v2 access tokens (requested_access_token_version = 2) Entra ID always puts the client ID there, not the identifier URI."
  value       = module.entra_app.client_id
}

output "oidc_identifier_uri" {
  description = "Application ID URI of the API (api://<client id>); tools ask for the scope <uri>/.default."
  value       = module.entra_app.identifier_uri
}

output "public_url" {
  description = "PUBLIC_URL: https://<staff host name>; sign-in redirects to <public_url>/auth/callback."
  value       = local.public_url
}

output "tls_certificate_uri" {
  description = "Versionless Key Vault URI of the staff TLS certificate, for the Gateway listener option kubernetes.azure.com/tls-cert-keyvault-uri."
  value       = module.key_vault.tls_certificate_versionless_id
}

output "gateway_tls_service_account" {
  description = "Service account (and its client-id annotation) named in the listener option kubernetes.azure.com/tls-cert-service-account; app routing reads the certificate through it."
  value = {
    namespace = local.gateway_tls_service_account.namespace
    name      = local.gateway_tls_service_account.name
    client_id = module.key_vault.gateway_tls_identity_client_id
  }
}

output "ingress_ip_address" {
  description = "Address of the staff gateway that the DNS record points at (private when internal, public when public)."
  value       = module.networking.ingress_ip_address
}

output "ingress_service_annotations" {
  description = "Annotations for the Gateway's load balancer Service (Gateway spec.infrastructure.annotations), so it takes ingress_ip_address."
  value       = local.ingress_service_annotations
}

output "dns_name_servers" {
  description = "Name servers of the public DNS zone, to delegate it from the parent domain; empty when internal."
  value       = module.staff_dns.name_servers
}

output "devops_pool_name" {
  description = "Name of the Managed DevOps Pool (pool: name in the pipelines) whose agents run inside the VNet."
  value       = module.devops_pool.name
}

output "devops_pool_egress_ip_address" {
  description = "Fixed public address the pool agents' traffic leaves from; the AKS API server admits it."
  value       = module.networking.devops_pool_egress_ip_address
}

output "container_registry_login_server" {
  description = "Registry host the pipeline pushes images to and the cluster pulls from."
  value       = module.container_registry.login_server
}

output "log_analytics_workspace_id" {
  description = "Resource ID of the Log Analytics workspace with the Container Insights data and the audit logs."
  value       = module.monitoring.log_analytics_workspace_id
}
