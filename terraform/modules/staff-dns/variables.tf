variable "exposure" {
  type        = string
  description = "\"internal\": a private DNS zone linked to the VNet; \"public\": a public DNS zone."

  validation {
    condition     = contains(["internal", "public"], var.exposure)
    error_message = "exposure must be \"internal\" or \"public\"."
  }
}

variable "zone_name" {
  type        = string
  description = "DNS zone the staff host name lives in, e.g. retail.example.com."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.zone_name))
    error_message = "zone_name must be a lower-case DNS name such as \"retail.example.com\"."
  }
}

variable "host_name" {
  type        = string
  description = "Record name of the staff site inside zone_name, e.g. \"orders\"."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.host_name))
    error_message = "host_name must be a single lower-case DNS label such as \"orders\"."
  }
}

variable "ip_address" {
  type        = string
  description = "Address of the staff gateway the record points at."

  validation {
    condition     = can(cidrhost("${var.ip_address}/32", 0))
    error_message = "ip_address must be an IPv4 address."
  }
}

variable "ttl" {
  type        = number
  description = "Time to live of the record, in seconds."
  default     = 300

  validation {
    condition     = var.ttl >= 30 && var.ttl <= 86400 && floor(var.ttl) == var.ttl
    error_message = "ttl must be a whole number of seconds from 30 to 86400."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the DNS zone."

  validation {
    condition     = can(regex("^[-\\w.()]{1,89}[-\\w()]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits, '-', '_', '.', '(' or ')' and must not end with '.'."
  }
}

variable "virtual_network_id" {
  type        = string
  description = "Resource ID of the VNet the private zone is linked to (used when internal)."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+$", var.virtual_network_id))
    error_message = "virtual_network_id must be a virtual network resource ID (/subscriptions/.../virtualNetworks/<name>)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
