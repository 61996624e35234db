variable "project" {
  type        = string
  description = "Short project name used in every resource name."
  default     = "orders"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.project))
    error_message = "project must be 2-10 lower-case letters or digits, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name used in resource names and tags, for example \"prod\" or \"test\"."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.environment))
    error_message = "environment must be 2-8 lower-case letters or digits, starting with a letter, for example \"prod\"."
  }
}

variable "location" {
  type        = string
  description = "Azure region short name for every resource, for example \"westeurope\" (see `az account list-locations -o table`)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure region short name in lower case without spaces, for example \"westeurope\", not \"West Europe\"."
  }
}

variable "allowed_source_addresses" {
  type        = list(string)
  description = "Public address ranges (CIDR, e.g. \"203.0.113.10/32\") of the operators: allowed to reach the AKS API server and the Key Vault (to run Terraform). Never a wildcard. Staff reach the app through ingress_exposure instead."

  validation {
    condition = length(var.allowed_source_addresses) > 0 && alltrue([
      for source in var.allowed_source_addresses :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", source)) && can(cidrhost(source, 0)) && try(tonumber(split("/", source)[1]) > 0, false)
    ])
    error_message = "allowed_source_addresses must list at least one IPv4 CIDR such as \"203.0.113.10/32\"; \"*\", \"0.0.0.0/0\", service tags and bare addresses without a prefix length are refused."
  }
}

variable "alert_email" {
  type        = string
  description = "Address that receives the node CPU, memory and disk alerts."

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email))
    error_message = "alert_email must be an e-mail address such as \"orders-ops@example.com\"."
  }
}

variable "key_vault_name" {
  type        = string
  description = "Globally unique Key Vault name (3-24 characters)."

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", var.key_vault_name)) && !can(regex("--", var.key_vault_name))
    error_message = "key_vault_name must be 3-24 letters, digits or single hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "container_registry_name" {
  type        = string
  description = "Globally unique container registry name (5-50 letters or digits)."

  validation {
    condition     = can(regex("^[a-zA-Z0-9]{5,50}$", var.container_registry_name))
    error_message = "container_registry_name must be 5-50 letters or digits (no hyphens)."
  }
}

variable "vnet_address_space" {
  type        = list(string)
  description = "Address ranges (CIDR) of the virtual network."
  default     = ["10.0.0.0/16"]

  validation {
    condition = length(var.vnet_address_space) > 0 && alltrue([
      for range in var.vnet_address_space : can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", range)) && can(cidrhost(range, 0))
    ])
    error_message = "vnet_address_space must hold at least one IPv4 CIDR such as \"10.0.0.0/16\"."
  }
}

variable "control_plane_subnet_prefix" {
  type        = string
  description = "CIDR of the control-plane subnet (AKS API Server VNet Integration), inside vnet_address_space; at least a /28."
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
  description = "CIDR of the worker-node subnet, inside vnet_address_space; with Azure CNI Overlay only nodes take addresses from it."
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

variable "ingress_subnet_prefix" {
  type        = string
  description = "CIDR of the subnet holding the internal gateway's fixed address (its 5th address), inside vnet_address_space; at least a /29."
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
  description = "CIDR of the subnet the Managed DevOps Pool agents run in, inside vnet_address_space; at least a /27."
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

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version such as \"1.33\"; AKS applies the patches automatically. null lets AKS pick the current default at creation."
  default     = null

  validation {
    condition     = var.kubernetes_version == null || can(regex("^\\d+\\.\\d+$", coalesce(var.kubernetes_version, "x")))
    error_message = "kubernetes_version must be null or a minor version such as \"1.33\"; a patch such as \"1.33.2\" would fight the automatic patch upgrades."
  }
}

variable "aks_sku_tier" {
  type        = string
  description = "AKS pricing tier: Free (no SLA), Standard (uptime SLA) or Premium."
  default     = "Free"

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.aks_sku_tier)
    error_message = "aks_sku_tier must be one of \"Free\", \"Standard\" or \"Premium\"."
  }
}

variable "node_vm_size" {
  type        = string
  description = "VM size of the worker nodes."
  default     = "Standard_D2s_v5"

  validation {
    condition     = can(regex("^Standard_[A-Za-z0-9_]+$", var.node_vm_size))
    error_message = "node_vm_size must be an Azure VM size such as \"Standard_D2s_v5\"."
  }
}

variable "node_min_count" {
  type        = number
  description = "Fewest worker nodes the autoscaler keeps; at least 2, so that a node upgrade or failure leaves the app and the gateway running."
  default     = 2

  validation {
    condition     = var.node_min_count >= 2 && var.node_min_count <= 1000 && floor(var.node_min_count) == var.node_min_count
    error_message = "node_min_count must be a whole number from 2 to 1000: with one node every node upgrade takes the app down."
  }
}

variable "node_max_count" {
  type        = number
  description = "Most worker nodes the autoscaler may run; not below node_min_count."
  default     = 3

  validation {
    condition     = var.node_max_count >= 1 && var.node_max_count <= 1000 && floor(var.node_max_count) == var.node_max_count
    error_message = "node_max_count must be a whole number from 1 to 1000."
  }
}

variable "log_retention_in_days" {
  type        = number
  description = "Days the Log Analytics workspace keeps Container Insights data."
  default     = 30

  validation {
    condition     = var.log_retention_in_days >= 30 && var.log_retention_in_days <= 730 && floor(var.log_retention_in_days) == var.log_retention_in_days
    error_message = "log_retention_in_days must be a whole number from 30 to 730."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource; project, environment and managed-by are always set."
  default     = {}
}
