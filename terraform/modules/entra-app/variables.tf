variable "display_name" {
  type        = string
  description = "Display name of the app registration, as staff see it on the consent and My Apps pages."

  validation {
    condition     = length(trimspace(var.display_name)) >= 3 && length(var.display_name) <= 120
    error_message = "display_name must be 3-120 characters."
  }
}

variable "public_url" {
  type        = string
  description = "Public URL of the staff site without a trailing slash, e.g. https://orders.retail.example.com; /auth/callback is appended."

  validation {
    condition     = can(regex("^https://[a-z0-9.-]+[a-z0-9]$", var.public_url))
    error_message = "public_url must be an https:// URL of a host name without path or trailing slash, e.g. \"https://orders.retail.example.com\"."
  }
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster whose service-account tokens the app's federated credential trusts."

  validation {
    condition     = can(regex("^https://", var.oidc_issuer_url))
    error_message = "oidc_issuer_url must be an https:// URL, the oidc_issuer_url of the AKS cluster."
  }
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace of the Kubernetes service account the Orders pods run under."

  validation {
    condition     = length(var.kubernetes_namespace) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "kubernetes_namespace must be a DNS-1123 label: at most 63 lower-case letters, digits or '-'."
  }
}

variable "kubernetes_service_account" {
  type        = string
  description = "Name of the Kubernetes service account the Orders pods run under."

  validation {
    condition     = length(var.kubernetes_service_account) <= 253 && can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.kubernetes_service_account))
    error_message = "kubernetes_service_account must be a DNS-1123 subdomain: lower-case letters, digits, '-' or '.'."
  }
}

variable "reader_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members get Orders.Read (read orders)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.reader_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "reader_group_object_ids must hold Microsoft Entra group object IDs (GUIDs)."
  }
}

variable "writer_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members get Orders.Write (add orders)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.writer_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "writer_group_object_ids must hold Microsoft Entra group object IDs (GUIDs)."
  }
}

variable "owner_object_ids" {
  type        = list(string)
  description = "Object IDs of the owners of the app registration and its service principal: the identities that apply this configuration (with Application.ReadWrite.OwnedBy they manage only what they own). Empty: the identity running Terraform."
  default     = []

  validation {
    condition = alltrue([
      for id in var.owner_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "owner_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}
