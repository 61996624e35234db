variable "name" {
  type        = string
  description = "Name of the Managed DevOps Pool; also the agent pool's name in Azure DevOps."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9._-]{1,42}[a-zA-Z0-9]$", var.name))
    error_message = "name must be 3-44 letters, digits, '.', '_' or '-', starting and ending with a letter or digit."
  }
}

variable "dev_center_name" {
  type        = string
  description = "Name of the Dev Center the pool's project belongs to."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{1,24}[a-zA-Z0-9]$", var.dev_center_name))
    error_message = "dev_center_name must be 3-26 letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "dev_center_project_name" {
  type        = string
  description = "Name of the Dev Center project the pool belongs to."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{2,62}$", var.dev_center_project_name))
    error_message = "dev_center_project_name must be 3-63 letters, digits, '-', '_' or '.', starting with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the Dev Center, its project and the pool."

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

variable "subnet_id" {
  type        = string
  description = "Resource ID of the subnet delegated to Microsoft.DevOpsInfrastructure/pools that the agents run in."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$", var.subnet_id))
    error_message = "subnet_id must be a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)."
  }
}

variable "virtual_network_id" {
  type        = string
  description = "Resource ID of the VNet of subnet_id; the DevOpsInfrastructure service principal gets Reader and Network Contributor on it."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+$", var.virtual_network_id))
    error_message = "virtual_network_id must be a virtual network resource ID (/subscriptions/.../virtualNetworks/<name>)."
  }
}

variable "organization_url" {
  type        = string
  description = "URL of the Azure DevOps organization the pool serves, e.g. https://dev.azure.com/contoso."

  validation {
    condition     = can(regex("^https://dev\\.azure\\.com/[A-Za-z0-9][A-Za-z0-9-]*$", var.organization_url))
    error_message = "organization_url must look like \"https://dev.azure.com/<organization>\" (no trailing slash)."
  }
}

variable "projects" {
  type        = list(string)
  description = "Azure DevOps projects allowed to use the pool; empty allows every project of the organization."
  default     = []

  validation {
    condition     = alltrue([for project in var.projects : length(trimspace(project)) > 0 && length(project) <= 64])
    error_message = "projects must hold Azure DevOps project names of 1-64 characters."
  }
}

variable "maximum_concurrency" {
  type        = number
  description = "Most agents (VMs) the pool runs at once."
  default     = 2

  validation {
    condition     = var.maximum_concurrency >= 1 && var.maximum_concurrency <= 100 && floor(var.maximum_concurrency) == var.maximum_concurrency
    error_message = "maximum_concurrency must be a whole number from 1 to 100."
  }
}

variable "vm_size" {
  type        = string
  description = "VM size of the agents."
  default     = "Standard_D2ads_v5"

  validation {
    condition     = can(regex("^Standard_[A-Za-z0-9_]+$", var.vm_size))
    error_message = "vm_size must be an Azure VM size such as \"Standard_D2ads_v5\"."
  }
}

variable "image" {
  type        = string
  description = "Azure Pipelines image the agents start from (the same software as Microsoft-hosted agents)."
  default     = "ubuntu-24.04/latest"

  validation {
    condition     = can(regex("^[a-z0-9.-]+(/[a-z0-9.-]+)?$", var.image))
    error_message = "image must be a well-known Azure Pipelines image name such as \"ubuntu-24.04/latest\"."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
