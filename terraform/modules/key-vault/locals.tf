locals {
  # Subject and audience of the tokens AKS projects into pods of this service account.
  service_account_subject = "system:serviceaccount:${var.kubernetes_namespace}:${var.kubernetes_service_account}"
  token_audience          = "api://AzureADTokenExchange"
}
