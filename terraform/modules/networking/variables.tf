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
  description = "CIDR of the worker-node subnet. With Azure CNI Overlay only the nodes take addresses from it (pods use pod_cidr); size it for max_count plus upgrade surge."
  default     = "10.0.8.0/21"

  validation {
    condition = (
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.worker_subnet_prefix)) &&
      can(cidrhost(var.worker_subnet_prefix, 0)) &&
      try(tonumber(split("/", var.worker_subnet_prefix)[1]) <= 24, false)
    )
    error_message = "worker_subnet_prefix must be an IPv4 CIDR of size /24 or larger, such as \"10.0.8.0/21\"."
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

variable "ingress_subnet_prefix" {
  type        = string
  description = "CIDR of the subnet that holds the internal gateway load balancer's fixed address (the 5th address of the range); at least a /29."
  default     = "10.0.1.0/27"

  validation {
    condition = (
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.ingress_subnet_prefix)) &&
      can(cidrhost(var.ingress_subnet_prefix, 0)) &&
      try(tonumber(split("/", var.ingress_subnet_prefix)[1]) <= 29, false)
    )
    error_message = "ingress_subnet_prefix must be an IPv4 CIDR of size /29 or larger, such as \"10.0.1.0/27\"."
  }
}

variable "devops_pool_subnet_prefix" {
  type        = string
  description = "CIDR of the subnet the Managed DevOps Pool agents are injected into (one address per agent); at least a /27."
  default     = "10.0.2.0/24"

  validation {
    condition = (
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.devops_pool_subnet_prefix)) &&
      can(cidrhost(var.devops_pool_subnet_prefix, 0)) &&
      try(tonumber(split("/", var.devops_pool_subnet_prefix)[1]) <= 27, false)
    )
    error_message = "devops_pool_subnet_prefix must be an IPv4 CIDR of size /27 or larger, such as \"10.0.2.0/24\"."
  }
}

variable "ingress_exposure" {
  type        = string
  description = "How staff reach the gateway: \"internal\" (private address, from the VNet and networks connected to it) or \"public\" (public IP, only from ingress_allowed_cidrs)."
  default     = "internal"

  validation {
    condition     = contains(["internal", "public"], var.ingress_exposure)
    error_message = "ingress_exposure must be \"internal\" or \"public\"."
  }
}

variable "ingress_allowed_cidrs" {
  type        = list(string)
  description = "Public address ranges (CIDR) allowed to reach the public gateway on 443 and 80. Required when ingress_exposure is \"public\"; never a wildcard."
  default     = []

  validation {
    condition = alltrue([
      for source in var.ingress_allowed_cidrs :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", source)) && can(cidrhost(source, 0)) && try(tonumber(split("/", source)[1]) > 0, false)
    ])
    error_message = "ingress_allowed_cidrs must hold IPv4 CIDRs such as \"203.0.113.0/24\"; \"*\", \"0.0.0.0/0\", service tags and bare addresses are refused."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
