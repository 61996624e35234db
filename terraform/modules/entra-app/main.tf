data "azuread_client_config" "current" {}

# The staff app: browser sign-in (authorization code flow, redirect to
# /auth/callback) and bearer tokens for tools, in this tenant only. Access
# tokens are v2, so their issuer is https://login.microsoftonline.com/<tenant>/v2.0
# and their audience the client ID.
resource "azuread_application" "orders" {
  display_name     = var.display_name
  sign_in_audience = "AzureADMyOrg"
  owners           = local.owners

  api {
    requested_access_token_version = 2
  }

  # User: staff through their groups. Application: tools that sign in with
  # client credentials and are granted the role on their service principal.
  dynamic "app_role" {
    for_each = local.app_roles

    content {
      allowed_member_types = ["User", "Application"]
      description          = app_role.value.description
      display_name         = app_role.value.display_name
      enabled              = true
      id                   = local.app_role_ids[app_role.key]
      value                = app_role.key
    }
  }

  # The server's callback, and where Entra's end-session endpoint sends staff back after
  # sign-out (a post_logout_redirect_uri must be one of the redirect URIs). No front-channel
  # logout URL: the server ends its own session on POST /auth/logout before sending staff here.
  web {
    redirect_uris = ["${var.public_url}/auth/callback", "${var.public_url}/"]

    implicit_grant {
      access_token_issuance_enabled = false
      id_token_issuance_enabled     = false
    }
  }

  lifecycle {
    # Set by azuread_application_identifier_uri below, which needs the client ID.
    ignore_changes = [identifier_uris]
  }
}

# api://<client id> is accepted by every tenant's app management policy
# (a custom api://<name> needs a verified domain under newer policies).
resource "azuread_application_identifier_uri" "orders" {
  application_id = azuread_application.orders.id
  identifier_uri = "api://${azuread_application.orders.client_id}"
}

# Only users and tools assigned a role may sign in or get tokens.
resource "azuread_service_principal" "orders" {
  client_id                    = azuread_application.orders.client_id
  app_role_assignment_required = true
  owners                       = local.owners
}

resource "azuread_application_federated_identity_credential" "aks" {
  application_id = azuread_application.orders.id
  display_name   = replace("aks-${var.kubernetes_namespace}-${var.kubernetes_service_account}", ".", "-")
  description    = "The Orders pods authenticate as this app with their projected service-account token."
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = var.oidc_issuer_url
  subject        = local.service_account_subject
}

resource "azuread_app_role_assignment" "groups" {
  for_each = local.group_role_assignments

  app_role_id         = azuread_application.orders.app_role_ids[each.value.role]
  principal_object_id = each.value.group
  resource_object_id  = azuread_service_principal.orders.object_id
}
