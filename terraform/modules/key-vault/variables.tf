variable "name" {
  type        = string
  description = "Globally unique name of the Key Vault."

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", var.name)) && !can(regex("--", var.name))
    error_message = "name must be 3-24 letters, digits or single hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group that holds the Key Vault and the application identity."

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

variable "sku_name" {
  type        = string
  description = "Key Vault pricing tier."
  default     = "standard"

  validation {
    condition     = contains(["standard", "premium"], var.sku_name)
    error_message = "sku_name must be \"standard\" or \"premium\"."
  }
}

variable "soft_delete_retention_days" {
  type        = number
  description = "Days a deleted vault or secret can still be recovered."
  default     = 90

  validation {
    condition     = var.soft_delete_retention_days >= 7 && var.soft_delete_retention_days <= 90 && floor(var.soft_delete_retention_days) == var.soft_delete_retention_days
    error_message = "soft_delete_retention_days must be a whole number from 7 to 90."
  }
}

variable "purge_protection_enabled" {
  type        = bool
  description = "Forbid purging deleted secrets before the retention period ends. Once on it cannot be turned off, and the vault name stays taken for the retention period after a destroy."
  default     = true
}

variable "app_identity_name" {
  type        = string
  description = "Name of the user-assigned identity the Orders pods run as."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w]{2,127}$", var.app_identity_name))
    error_message = "app_identity_name must be 3-128 letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace of the Kubernetes service account the app runs under."

  validation {
    condition     = length(var.kubernetes_namespace) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "kubernetes_namespace must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit."
  }
}

variable "kubernetes_service_account" {
  type        = string
  description = "Name of the Kubernetes service account the app runs under; its tokens are exchanged for the app identity."

  validation {
    condition     = length(var.kubernetes_service_account) <= 253 && can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.kubernetes_service_account))
    error_message = "kubernetes_service_account must be a DNS-1123 subdomain: lower-case letters, digits, '-' or '.', starting and ending with a letter or digit."
  }
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster whose service-account tokens the federated credential trusts."

  validation {
    condition     = can(regex("^https://", var.oidc_issuer_url))
    error_message = "oidc_issuer_url must be an https:// URL, the oidc_issuer_url of the AKS cluster."
  }
}

variable "secrets_officer_principal_ids" {
  type        = list(string)
  description = "Object IDs of the people, groups or pipelines that write the secret values. With RBAC authorisation nobody else can."
  default     = []

  validation {
    condition = alltrue([
      for id in var.secrets_officer_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "secrets_officer_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "terraform_principal_ids" {
  type        = list(string)
  description = "Object IDs of the identities that apply this configuration; they get Key Vault Secrets Officer and Certificates Officer to write the session secret and the certificate. Empty: the identity running Terraform."
  default     = []

  validation {
    condition = alltrue([
      for id in var.terraform_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "terraform_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "plan_reader_principal_ids" {
  type        = list(string)
  description = "Object IDs of the read-only identities that plan this configuration: Key Vault Reader on the vault (to read the certificate) and Key Vault Secrets User on the session secret alone (azurerm reads a secret's value when it refreshes it)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.plan_reader_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "plan_reader_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "allowed_subnet_ids" {
  type        = list(string)
  description = "Subnets (with the Microsoft.KeyVault service endpoint) whose traffic the vault firewall admits: the cluster nodes and the pipeline agents."

  validation {
    condition = length(var.allowed_subnet_ids) > 0 && alltrue([
      for id in var.allowed_subnet_ids : can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$", id))
    ])
    error_message = "allowed_subnet_ids must list at least one subnet resource ID (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>)."
  }
}

variable "allowed_ip_ranges" {
  type        = list(string)
  description = "Public address ranges (CIDR) the vault firewall admits, e.g. the operators who run Terraform. Never a wildcard."
  default     = []

  validation {
    condition = alltrue([
      for range in var.allowed_ip_ranges :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", range)) && can(cidrhost(range, 0)) && try(tonumber(split("/", range)[1]) >= 8, false)
    ])
    error_message = "allowed_ip_ranges must hold IPv4 CIDRs of /8 or narrower, such as \"203.0.113.10/32\"."
  }
}

variable "session_secret_name" {
  type        = string
  description = "Name of the Key Vault secret holding the key of the staff session cookies (the server's SESSION_SECRET)."
  default     = "session-secret"

  validation {
    condition     = can(regex("^[0-9a-zA-Z-]{1,127}$", var.session_secret_name))
    error_message = "session_secret_name must be 1-127 letters, digits or '-' (a Key Vault secret name)."
  }
}

variable "session_secret_version" {
  type        = number
  description = "Version of the session secret; raise it by one to write a new random value (this signs every user out)."
  default     = 1

  validation {
    condition     = var.session_secret_version >= 1 && floor(var.session_secret_version) == var.session_secret_version
    error_message = "session_secret_version must be a whole number from 1 up."
  }
}

variable "tls_certificate_name" {
  type        = string
  description = "Name of the Key Vault certificate the staff gateway terminates TLS with."
  default     = "staff-tls"

  validation {
    condition     = can(regex("^[0-9a-zA-Z-]{1,127}$", var.tls_certificate_name))
    error_message = "tls_certificate_name must be 1-127 letters, digits or '-' (a Key Vault certificate name)."
  }
}

variable "tls_certificate_fqdn" {
  type        = string
  description = "Host name the certificate is issued for when Key Vault creates it (subject CN and DNS SAN), e.g. orders.retail.example.com."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.tls_certificate_fqdn))
    error_message = "tls_certificate_fqdn must be a lower-case DNS name such as \"orders.retail.example.com\"."
  }
}

variable "tls_certificate_pfx_base64" {
  type        = string
  description = "A PFX (PKCS#12) with the certificate, its chain and private key, base64-encoded, to import. null: Key Vault creates the certificate with tls_certificate_issuer."
  default     = null
  sensitive   = true

  validation {
    condition     = var.tls_certificate_pfx_base64 == null || can(base64decode(var.tls_certificate_pfx_base64))
    error_message = "tls_certificate_pfx_base64 must be the base64 encoding of a PFX file (base64 -w0 cert.pfx)."
  }
}

variable "tls_certificate_pfx_password" {
  type        = string
  description = "Password of the PFX in tls_certificate_pfx_base64; null when it has none."
  default     = null
  sensitive   = true

  validation {
    condition     = var.tls_certificate_pfx_password == null || try(length(var.tls_certificate_pfx_password) > 0, false)
    error_message = "tls_certificate_pfx_password must be null or a non-empty password."
  }
}

variable "tls_certificate_issuer" {
  type        = string
  description = "Issuer Key Vault uses when it creates the certificate: \"Self\" (self-signed, for tests) or the name of a CA issuer configured in the vault."
  default     = "Self"

  validation {
    condition     = can(regex("^[0-9a-zA-Z-]{1,127}$", var.tls_certificate_issuer)) && var.tls_certificate_issuer != "Unknown"
    error_message = "tls_certificate_issuer must be \"Self\" or the name of a certificate issuer in the vault; \"Unknown\" (manual CSR merge) is not supported here."
  }
}

variable "gateway_tls_identity_name" {
  type        = string
  description = "Name of the user-assigned identity through which app routing reads the TLS certificate."

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w]{2,127}$", var.gateway_tls_identity_name))
    error_message = "gateway_tls_identity_name must be 3-128 letters, digits, '-' or '_', starting with a letter or digit."
  }
}

variable "gateway_tls_service_account" {
  type = object({
    namespace = string
    name      = string
  })
  description = "Kubernetes service account named in the Gateway listener option kubernetes.azure.com/tls-cert-service-account (in the Gateway's namespace)."

  validation {
    condition = (
      can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.gateway_tls_service_account.namespace)) &&
      can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.gateway_tls_service_account.name))
    )
    error_message = "gateway_tls_service_account needs a DNS-1123 label as namespace and a DNS-1123 subdomain as name."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource in this module."
  default     = {}
}
