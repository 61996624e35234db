terraform {
  # 1.11: ephemeral resources and write-only arguments, so the session secret
  # reaches Key Vault without being stored in the plan or the state.
  required_version = ">= 1.11.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.76.0, < 5.0.0"
    }
    # Entra ID app registration, its roles and federated credential (3.7: the
    # separate azuread_application_identifier_uri resource and v3 resource IDs).
    azuread = {
      source  = "hashicorp/azuread"
      version = ">= 3.7.0, < 4.0.0"
    }
    # The AKS managed Gateway API and the app routing Istio implementation,
    # which azurerm has no arguments for; 2.12 embeds the 2026-04-01 AKS API.
    azapi = {
      source  = "Azure/azapi"
      version = ">= 2.12.0, < 3.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.9.0, < 4.0.0"
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.13.0, < 1.0.0"
    }
  }
}
