variable "name" {
  type        = string
  description = "Name of the AKS cluster."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,61}[a-zA-Z0-9]$", var.name))
    error_message = "name must be 2-63 letters, digits, '-' or '_', starting and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the cluster and its identity."

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

variable "dns_prefix" {
  type        = string
  description = "DNS prefix of the API server's public FQDN."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$", var.dns_prefix))
    error_message = "dns_prefix must be 2-54 letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version such as \"1.33\"; AKS applies its patches (automatic_upgrade_channel \"patch\"). null lets AKS pick the current default at creation."
  default     = null

  validation {
    condition     = var.kubernetes_version == null || can(regex("^\\d+\\.\\d+$", coalesce(var.kubernetes_version, "x")))
    error_message = "kubernetes_version must be null or a minor version such as \"1.33\"; a patch such as \"1.33.2\" would fight the automatic patch upgrades."
  }
}

variable "sku_tier" {
  type        = string
  description = "AKS pricing tier: Free (no SLA), Standard (uptime SLA) or Premium."
  default     = "Free"

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.sku_tier)
    error_message = "sku_tier must be one of \"Free\", \"Standard\" or \"Premium\"."
  }
}

variable "automatic_upgrade_channel" {
  type        = string
  description = "AKS automatic upgrade channel. \"patch\" keeps the minor version that kubernetes_version names and applies its patches; \"stable\" and \"rapid\" also move minor versions."
  default     = "patch"

  validation {
    condition     = contains(["patch", "stable", "rapid"], var.automatic_upgrade_channel)
    error_message = "automatic_upgrade_channel must be \"patch\", \"stable\" or \"rapid\"; node images are upgraded separately (node_os_upgrade_channel)."
  }
}

variable "node_pool_name" {
  type        = string
  description = "Name of the default (system) node pool."
  default     = "system"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.node_pool_name))
    error_message = "node_pool_name must be 1-12 lower-case letters or digits, starting with a letter."
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
  description = "Fewest nodes the cluster autoscaler keeps in the node pool; at least 2, so that a node upgrade or failure leaves the app and the gateway running."
  default     = 2

  validation {
    condition     = var.node_min_count >= 2 && var.node_min_count <= 1000 && floor(var.node_min_count) == var.node_min_count
    error_message = "node_min_count must be a whole number from 2 to 1000: with one node every node upgrade takes the app down."
  }
}

variable "node_max_count" {
  type        = number
  description = "Most nodes the cluster autoscaler may add to the node pool. Must not be below node_min_count."
  default     = 3

  validation {
    condition     = var.node_max_count >= 1 && var.node_max_count <= 1000 && floor(var.node_max_count) == var.node_max_count
    error_message = "node_max_count must be a whole number from 1 to 1000."
  }
}

variable "max_pods" {
  type        = number
  description = "Most pods per node. With Azure CNI Overlay pod addresses come from pod_cidr, not from the worker subnet."
  default     = 30

  validation {
    condition     = var.max_pods >= 10 && var.max_pods <= 250 && floor(var.max_pods) == var.max_pods
    error_message = "max_pods must be a whole number from 10 to 250."
  }
}

variable "node_subnet_id" {
  type        = string
  description = "Resource ID of the worker subnet the node pool (and, with Azure CNI, every pod) lives in."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$", var.node_subnet_id))
    error_message = "node_subnet_id must be a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)."
  }
}

variable "api_server_subnet_id" {
  type        = string
  description = "Resource ID of the control-plane subnet, delegated to Microsoft.ContainerService/managedClusters, that the API server is projected into."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$", var.api_server_subnet_id))
    error_message = "api_server_subnet_id must be a subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)."
  }
}

variable "api_server_authorized_ip_ranges" {
  type        = list(string)
  description = "Public address ranges (CIDR) allowed to reach the API server's public endpoint. The cluster's own outbound address is added by AKS."

  validation {
    condition = length(var.api_server_authorized_ip_ranges) > 0 && alltrue([
      for range in var.api_server_authorized_ip_ranges :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", range)) && can(cidrhost(range, 0)) && try(tonumber(split("/", range)[1]) > 0, false)
    ])
    error_message = "api_server_authorized_ip_ranges must list at least one IPv4 CIDR such as \"203.0.113.10/32\"; \"0.0.0.0/0\" would open the API server to everyone."
  }
}

variable "pod_cidr" {
  type        = string
  description = "Private range pods take their addresses from (Azure CNI Overlay). Must not overlap the virtual network, service_cidr or networks connected to the VNet."
  default     = "192.168.0.0/16"

  validation {
    condition     = can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.pod_cidr)) && can(cidrhost(var.pod_cidr, 0))
    error_message = "pod_cidr must be an IPv4 CIDR such as \"192.168.0.0/16\"."
  }
}

variable "service_cidr" {
  type        = string
  description = "Range for Kubernetes service addresses. Must not overlap the virtual network or anything peered with it."
  default     = "172.16.0.0/16"

  validation {
    condition     = can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", var.service_cidr)) && can(cidrhost(var.service_cidr, 0))
    error_message = "service_cidr must be an IPv4 CIDR such as \"172.16.0.0/16\"."
  }
}

variable "dns_service_ip" {
  type        = string
  description = "Address of the cluster DNS service; must lie inside service_cidr."
  default     = "172.16.0.10"

  validation {
    condition     = can(regex("^\\d{1,3}(\\.\\d{1,3}){3}$", var.dns_service_ip)) && can(cidrhost("${var.dns_service_ip}/32", 0))
    error_message = "dns_service_ip must be an IPv4 address such as \"172.16.0.10\"."
  }
}

variable "oidc_issuer_enabled" {
  type        = bool
  description = "Publish an OIDC issuer for the cluster's service-account tokens. Required by workload identity."
  default     = true
}

variable "workload_identity_enabled" {
  type        = bool
  description = "Let pods exchange service-account tokens for Microsoft Entra tokens (Azure workload identity). Needs oidc_issuer_enabled."
  default     = true
}

variable "ingress_network_scopes" {
  type        = map(string)
  description = "Resource IDs the control-plane identity must manage to attach the gateway's load balancer frontend (the ingress subnet, and the public IP when public), keyed by a name known at plan time."
  default     = {}

  validation {
    condition     = alltrue([for id in values(var.ingress_network_scopes) : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/", id))])
    error_message = "ingress_network_scopes must map names to Microsoft.Network resource IDs (a subnet or a public IP)."
  }
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members are cluster administrators (Kubernetes cluster-admin)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.admin_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "admin_group_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "deployer_principal_ids" {
  type        = list(string)
  description = "Object IDs of the identities that deploy the app (the Deploy stage's service connection); they get Azure Kubernetes Service RBAC Cluster Admin."
  default     = []

  validation {
    condition = alltrue([
      for id in var.deployer_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "deployer_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "maintenance_window" {
  type = object({
    day_of_week         = string
    start_time          = string
    utc_offset          = string
    node_os_day_of_week = string
  })
  description = "Weekly 4-hour windows for automatic upgrades: Kubernetes patches on day_of_week, node OS images on node_os_day_of_week, both from start_time (HH:MM) at utc_offset (+HH:MM)."

  validation {
    condition = (
      alltrue([for day in [var.maintenance_window.day_of_week, var.maintenance_window.node_os_day_of_week] : contains(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], day)]) &&
      can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window.start_time)) &&
      can(regex("^[+-](0[0-9]|1[0-4]):[0-5][0-9]$", var.maintenance_window.utc_offset))
    )
    error_message = "maintenance_window needs English day names (\"Sunday\"), start_time as HH:MM (\"01:00\") and utc_offset as +HH:MM or -HH:MM (\"+00:00\")."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Resource ID of the Log Analytics workspace that Container Insights sends to."

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+$", var.log_analytics_workspace_id))
    error_message = "log_analytics_workspace_id must be a Log Analytics workspace resource ID (/subscriptions/.../providers/Microsoft.OperationalInsights/workspaces/<name>)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}

variable "cluster_user_principal_ids" {
  type        = list(string)
  description = "Object IDs given Azure Kubernetes Service Cluster User Role only: the read-only identity that plans this configuration (azurerm lists the cluster's user credentials when it reads the cluster). With Entra ID and no local accounts that kubeconfig holds no credential, and no Kubernetes role comes with it."
  default     = []

  validation {
    condition = alltrue([
      for id in var.cluster_user_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "cluster_user_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}
