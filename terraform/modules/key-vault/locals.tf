locals {
  # Subject and audience of the tokens AKS projects into pods of a service account.
  service_account_subject = "system:serviceaccount:${var.kubernetes_namespace}:${var.kubernetes_service_account}"
  gateway_tls_subject     = "system:serviceaccount:${var.gateway_tls_service_account.namespace}:${var.gateway_tls_service_account.name}"
  token_audience          = "api://AzureADTokenExchange"

  # Key Vault stores an address rule as the bare address, so a "/32" in the
  # variable would show as a change on every plan.
  firewall_ip_rules = [for range in var.allowed_ip_ranges : trimsuffix(range, "/32")]

  # Without a PFX, Key Vault creates the key and the certificate (issuer
  # tls_certificate_issuer) and renews it 30 days before it expires.
  import_tls_certificate = var.tls_certificate_pfx_base64 != null

  # The identities that apply write the session secret and the certificate. Named explicitly, a
  # plan by another identity (the pipeline's read-only one) proposes no change to these grants.
  terraform_principal_ids = length(var.terraform_principal_ids) > 0 ? var.terraform_principal_ids : [data.azurerm_client_config.current.object_id]
  deployer_role_assignments = {
    for pair in setproduct(["Key Vault Secrets Officer", "Key Vault Certificates Officer"], local.terraform_principal_ids) :
    "${pair[0]}:${pair[1]}" => { role = pair[0], principal_id = pair[1] }
  }
}
