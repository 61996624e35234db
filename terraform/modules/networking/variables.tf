variable "resource_group_name" {
  type        = string
  description = "Name of the resource group that holds the network and every other Orders resource."

  validation {
    condition     = can(regex("^[-\\w.()]{1,89}[-\\w()]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits, '-', '_', '.', '(' or ')' and must not end with '.'."
  }
}

variable "location" {
  type        = string
  description = "Azure region short name, for example \"westeurope\" (as printed by `az account list-locations -o table`)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure region short name in lower case without spaces, for example \"westeurope\", not \"West Europe\"."
  }
}

variable "virtual_network_name" {
  type        = string
  description = "Name of the virtual network."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w.]{0,62}\\w$", var.virtual_network_name))
    error_message = "virtual_network_name must be 2-64 characters: letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'."
  }
}

variable "address_space" {
  type        = list(string)
  description = "Address ranges (CIDR) of the virtual network."
  default     = ["10.0.0.0/16"]

  validation {
    condition = length(var.address_space) > 0 && alltrue([
      for range in var.address_space : can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", range)) && can(cidrhost(range, 0))
    ])
    error_message = "address_space must hold at least one IPv4 CIDR such as \"10.0.0.0/16\"."
  }
}

variable "control_plane_subnet_prefix" {
  type        = string
  description = "CIDR of the control-plane subnet, delegated to AKS for API Server VNet Integration. AKS needs at least a /28."
  default     = "10.0.0.0/28"

  validation {
    condition = (
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.control_plane_subnet_prefix)) &&
      can(cidrhost(var.control_plane_subnet_prefix, 0)) &&
      try(tonumber(split("/", var.control_plane_subnet_prefix)[1]) <= 28, false)
    )
    error_message = "control_plane_subnet_prefix must be an IPv4 CIDR of size /28 or larger, such as \"10.0.0.0/28\"."
  }
}

variable "worker_subnet_prefix" {
  type        = string
  description = "CIDR of the worker-node subnet. With Azure CNI every pod takes an address from it, so size it for max_count x (max_pods + 1) plus upgrade surge."
  default     = "10.0.8.0/21"

  validation {
    condition = (
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.worker_subnet_prefix)) &&
      can(cidrhost(var.worker_subnet_prefix, 0)) &&
      try(tonumber(split("/", var.worker_subnet_prefix)[1]) <= 24, false)
    )
    error_message = "worker_subnet_prefix must be an IPv4 CIDR of size /24 or larger, such as \"10.0.8.0/21\"; Azure CNI gives every pod an address from it."
  }
}

variable "network_security_group_name" {
  type        = string
  description = "Name of the network security group attached to the worker subnet."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w.]{0,78}\\w$", var.network_security_group_name))
    error_message = "network_security_group_name must be 2-80 characters: letters, digits, '-', '_' or '.'."
  }
}

variable "allowed_source_addresses" {
  type        = list(string)
  description = "Public address ranges (CIDR, e.g. \"203.0.113.10/32\") allowed to reach HTTPS (443) and SSH (22) on the worker subnet. Never a wildcard."

  validation {
    condition = length(var.allowed_source_addresses) > 0 && alltrue([
      for source in var.allowed_source_addresses :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", source)) && can(cidrhost(source, 0)) && try(tonumber(split("/", source)[1]) > 0, false)
    ])
    error_message = "allowed_source_addresses must list at least one IPv4 CIDR such as \"203.0.113.10/32\"; \"*\", \"0.0.0.0/0\", service tags and bare addresses without a prefix length are refused."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
