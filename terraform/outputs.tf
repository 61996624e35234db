output "resource_group_name" {
  description = "Resource group holding every Orders resource."
  value       = module.networking.resource_group_name
}

output "aks_cluster_name" {
  description = "Name of the AKS cluster (for `az aks get-credentials`)."
  value       = module.aks_cluster.name
}

output "aks_oidc_issuer_url" {
  description = "OIDC issuer URL of the cluster, trusted by the app identity's federated credential."
  value       = module.aks_cluster.oidc_issuer_url
}

output "kube_config" {
  description = "Kubeconfig of the cluster. Secret: read it with `terraform output -raw kube_config`."
  value       = module.aks_cluster.kube_config_raw
  sensitive   = true
}

output "key_vault_name" {
  description = "Name of the Key Vault holding the Orders secrets."
  value       = module.key_vault.name
}

output "key_vault_uri" {
  description = "Key Vault URI the server reads its secrets from (cdk8s chart input)."
  value       = module.key_vault.vault_uri
}

output "key_vault_secret_names" {
  description = "Secrets the server expects in the Key Vault; their values are set outside Terraform."
  value       = local.key_vault_secret_names
}

output "app_identity_client_id" {
  description = "Client ID of the app identity, for the service account annotation azure.workload.identity/client-id (cdk8s chart input)."
  value       = module.key_vault.app_identity_client_id
}

output "app_kubernetes_service_account" {
  description = "Namespace and name of the service account the app identity trusts."
  value = {
    namespace = local.app_kubernetes_namespace
    name      = local.app_kubernetes_service_account
    subject   = module.key_vault.federated_credential_subject
  }
}

output "container_registry_login_server" {
  description = "Registry host the pipeline pushes images to and the cluster pulls from."
  value       = module.container_registry.login_server
}

output "log_analytics_workspace_id" {
  description = "Resource ID of the Log Analytics workspace with the Container Insights data."
  value       = module.monitoring.log_analytics_workspace_id
}
