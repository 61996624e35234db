variable "name" {
  type        = string
  description = "Globally unique name of the Key Vault."

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", var.name)) && !can(regex("--", var.name))
    error_message = "name must be 3-24 letters, digits or single hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the Key Vault and the application identity."

  validation {
    condition     = can(regex("^[-\\w.()]{1,89}[-\\w()]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits, '-', '_', '.', '(' or ')' and must not end with '.'."
  }
}

variable "location" {
  type        = string
  description = "Azure region short name, for example \"westeurope\"."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure region short name in lower case without spaces, for example \"westeurope\"."
  }
}

variable "sku_name" {
  type        = string
  description = "Key Vault pricing tier."
  default     = "standard"

  validation {
    condition     = contains(["standard", "premium"], var.sku_name)
    error_message = "sku_name must be \"standard\" or \"premium\"."
  }
}

variable "soft_delete_retention_days" {
  type        = number
  description = "Days a deleted vault or secret can still be recovered."
  default     = 90

  validation {
    condition     = var.soft_delete_retention_days >= 7 && var.soft_delete_retention_days <= 90 && floor(var.soft_delete_retention_days) == var.soft_delete_retention_days
    error_message = "soft_delete_retention_days must be a whole number from 7 to 90."
  }
}

variable "purge_protection_enabled" {
  type        = bool
  description = "Forbid purging deleted secrets before the retention period ends. Once on it cannot be turned off, and the vault name stays taken for the retention period after a destroy."
  default     = true
}

variable "app_identity_name" {
  type        = string
  description = "Name of the user-assigned identity the Orders pods run as."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w]{2,127}$", var.app_identity_name))
    error_message = "app_identity_name must be 3-128 letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace of the Kubernetes service account the app runs under."

  validation {
    condition     = length(var.kubernetes_namespace) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "kubernetes_namespace must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "kubernetes_service_account" {
  type        = string
  description = "Name of the Kubernetes service account the app runs under; its tokens are exchanged for the app identity."

  validation {
    condition     = length(var.kubernetes_service_account) <= 253 && can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.kubernetes_service_account))
    error_message = "kubernetes_service_account must be a DNS-1123 subdomain: lower-case letters, digits, '-' or '.', starting and ending with a letter or digit."
  }
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster whose service-account tokens the federated credential trusts."

  validation {
    condition     = can(regex("^https://", var.oidc_issuer_url))
    error_message = "oidc_issuer_url must be an https:// URL, the oidc_issuer_url of the AKS cluster."
  }
}

variable "secrets_officer_principal_ids" {
  type        = list(string)
  description = "Object IDs of the people, groups or pipelines that write the secret values. With RBAC authorisation nobody else can."
  default     = []

  validation {
    condition = alltrue([
      for id in var.secrets_officer_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "secrets_officer_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
