# The staff site's TLS certificate. Either imported from a PFX (a certificate
# from the company's or a public CA; the PFX then passes through the tfvars
# and the state, so both must stay protected), or created by Key Vault with a
# policy: the private key never leaves the vault and Key Vault renews it. The
# default issuer "Self" is self-signed, for a first deployment or tests; name a
# CA issuer configured in the vault (e.g. DigiCert) for a trusted certificate.
resource "azurerm_key_vault_certificate" "tls" {
  name         = var.tls_certificate_name
  key_vault_id = azurerm_key_vault.this.id
  tags         = var.tags

  dynamic "certificate" {
    for_each = local.import_tls_certificate ? [1] : []

    content {
      contents = var.tls_certificate_pfx_base64
      password = var.tls_certificate_pfx_password
    }
  }

  dynamic "certificate_policy" {
    for_each = local.import_tls_certificate ? [] : [1]

    content {
      issuer_parameters {
        name = var.tls_certificate_issuer
      }

      # Exportable: the gateway terminates TLS with the key, which the Secrets
      # Store CSI driver copies into a Kubernetes secret.
      key_properties {
        exportable = true
        key_type   = "RSA"
        key_size   = 2048
        reuse_key  = false
      }

      secret_properties {
        content_type = "application/x-pkcs12"
      }

      x509_certificate_properties {
        subject            = "CN=${var.tls_certificate_fqdn}"
        key_usage          = ["digitalSignature", "keyEncipherment"]
        extended_key_usage = ["1.3.6.1.5.5.7.3.1"] # TLS server authentication
        validity_in_months = 12

        subject_alternative_names {
          dns_names = [var.tls_certificate_fqdn]
        }
      }

      lifetime_action {
        action {
          action_type = "AutoRenew"
        }

        trigger {
          days_before_expiry = 30
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.tls_certificate_pfx_password == null || local.import_tls_certificate
      error_message = "tls_certificate_pfx_password is set but tls_certificate_pfx_base64 is not: give the PFX too, or drop the password to let Key Vault issue the certificate."
    }
  }

  depends_on = [time_sleep.deployer_roles]
}

# The app routing operator syncs the certificate for a Gateway listener through
# a Kubernetes service account bound to this identity by workload identity (the
# add-on's own identity is only used by the legacy NGINX flow). The identity may
# read this one certificate's secret, nothing else in the vault.
resource "azurerm_user_assigned_identity" "gateway_tls" {
  name                = var.gateway_tls_identity_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "gateway_tls" {
  name                      = replace("${var.gateway_tls_service_account.namespace}-${var.gateway_tls_service_account.name}", ".", "-")
  user_assigned_identity_id = azurerm_user_assigned_identity.gateway_tls.id
  issuer                    = var.oidc_issuer_url
  subject                   = local.gateway_tls_subject
  audience                  = [local.token_audience]
}

resource "azurerm_role_assignment" "gateway_tls_secret_user" {
  scope                = "${azurerm_key_vault.this.id}/secrets/${azurerm_key_vault_certificate.tls.name}"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.gateway_tls.principal_id
  principal_type       = "ServicePrincipal"
}
