variable "name" {
  type        = string
  description = "Globally unique name of the container registry; the login server becomes <name>.azurecr.io."

  validation {
    condition     = can(regex("^[a-zA-Z0-9]{5,50}$", var.name))
    error_message = "name must be 5-50 letters or digits (no hyphens)."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the registry."

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

variable "sku" {
  type        = string
  description = "Registry tier."
  default     = "Standard"

  validation {
    condition     = contains(["Basic", "Standard", "Premium"], var.sku)
    error_message = "sku must be \"Basic\", \"Standard\" or \"Premium\"."
  }
}

variable "pull_principal_id" {
  type        = string
  description = "Object ID of the identity that pulls images: the AKS kubelet identity."

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", var.pull_principal_id))
    error_message = "pull_principal_id must be a Microsoft Entra object ID (GUID)."
  }
}

variable "push_principal_ids" {
  type        = list(string)
  description = "Object IDs of the pipelines or people that push images."
  default     = []

  validation {
    condition = alltrue([
      for id in var.push_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "push_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
