# Upgrades and the pipeline agents.

variable "maintenance_window" {
  type = object({
    day_of_week         = optional(string, "Sunday")
    node_os_day_of_week = optional(string, "Saturday")
    start_time          = optional(string, "01:00")
    utc_offset          = optional(string, "+00:00")
  })
  description = "Weekly 4-hour windows for the automatic upgrades: Kubernetes patches on day_of_week, node OS images on node_os_day_of_week, from start_time (HH:MM) at utc_offset (+HH:MM)."
  default     = {}

  validation {
    condition = (
      alltrue([for day in [var.maintenance_window.day_of_week, var.maintenance_window.node_os_day_of_week] : contains(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], day)]) &&
      can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window.start_time)) &&
      can(regex("^[+-](0[0-9]|1[0-4]):[0-5][0-9]$", var.maintenance_window.utc_offset))
    )
    error_message = "maintenance_window needs English day names (\"Sunday\"), start_time as HH:MM (\"01:00\") and utc_offset as +HH:MM or -HH:MM (\"+00:00\")."
  }
}

variable "azure_devops_organization_url" {
  type        = string
  description = "URL of the Azure DevOps organization whose pipelines use the Managed DevOps Pool, e.g. https://dev.azure.com/contoso."

  validation {
    condition     = can(regex("^https://dev\\.azure\\.com/[A-Za-z0-9][A-Za-z0-9-]*$", var.azure_devops_organization_url))
    error_message = "azure_devops_organization_url must look like \"https://dev.azure.com/<organization>\" (no trailing slash)."
  }
}

variable "azure_devops_projects" {
  type        = list(string)
  description = "Azure DevOps projects allowed to use the pool; empty allows every project of the organization."
  default     = []

  validation {
    condition     = alltrue([for project in var.azure_devops_projects : length(trimspace(project)) > 0 && length(project) <= 64])
    error_message = "azure_devops_projects must hold Azure DevOps project names of 1-64 characters."
  }
}

variable "devops_pool_maximum_concurrency" {
  type        = number
  description = "Most pipeline agents the Managed DevOps Pool runs at once."
  default     = 2

  validation {
    condition     = var.devops_pool_maximum_concurrency >= 1 && var.devops_pool_maximum_concurrency <= 100 && floor(var.devops_pool_maximum_concurrency) == var.devops_pool_maximum_concurrency
    error_message = "devops_pool_maximum_concurrency must be a whole number from 1 to 100."
  }
}
