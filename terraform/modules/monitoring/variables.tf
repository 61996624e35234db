variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the workspace, the action group and the alerts."

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

variable "log_analytics_workspace_name" {
  type        = string
  description = "Name of the Log Analytics workspace that Container Insights writes to."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$", var.log_analytics_workspace_name))
    error_message = "log_analytics_workspace_name must be 4-63 letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the workspace keeps data."
  default     = 30

  validation {
    condition     = var.log_retention_in_days >= 30 && var.log_retention_in_days <= 730 && floor(var.log_retention_in_days) == var.log_retention_in_days
    error_message = "log_retention_in_days must be a whole number from 30 to 730."
  }
}

variable "action_group_name" {
  type        = string
  description = "Name of the action group that the alerts notify."

  validation {
    condition     = can(regex("^[-\\w.()]{1,260}$", var.action_group_name))
    error_message = "action_group_name must be 1-260 letters, digits, '-', '_', '.', '(' or ')'."
  }
}

variable "action_group_short_name" {
  type        = string
  description = "Short name (at most 12 characters) shown in alert e-mails and SMS."

  validation {
    condition     = can(regex("^[-\\w]{1,12}$", var.action_group_short_name))
    error_message = "action_group_short_name must be 1-12 letters, digits, '-' or '_'."
  }
}

variable "alert_email" {
  type        = string
  description = "Address the action group e-mails when an alert fires, for example the on-call mailbox."

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email))
    error_message = "alert_email must be an e-mail address such as \"orders-ops@example.com\"."
  }
}

variable "kubernetes_cluster_id" {
  type        = string
  description = "Resource ID of the AKS cluster whose node metrics are watched and whose audit logs are collected."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.ContainerService/managedClusters/[^/]+$", var.kubernetes_cluster_id))
    error_message = "kubernetes_cluster_id must be an AKS cluster resource ID (/subscriptions/.../providers/Microsoft.ContainerService/managedClusters/<name>)."
  }
}

variable "alert_name_prefix" {
  type        = string
  description = "Prefix of the metric alert names, usually the cluster name."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w.]{0,200}$", var.alert_name_prefix))
    error_message = "alert_name_prefix must start with a letter or digit and hold only letters, digits, '-', '_' or '.'."
  }
}

variable "key_vault_id" {
  type        = string
  description = "Resource ID of the Key Vault whose audit events are sent to the workspace."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.KeyVault/vaults/[^/]+$", var.key_vault_id))
    error_message = "key_vault_id must be a Key Vault resource ID (/subscriptions/.../providers/Microsoft.KeyVault/vaults/<name>)."
  }
}

variable "app_kubernetes_namespace" {
  type        = string
  description = "Namespace of the Orders pods, watched by the pods-not-ready alert."

  validation {
    condition     = length(var.app_kubernetes_namespace) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.app_kubernetes_namespace))
    error_message = "app_kubernetes_namespace must be a DNS-1123 label: at most 63 lower-case letters, digits or '-'."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
