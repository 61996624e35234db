# The way in for staff: exposure, host name and TLS certificate.

variable "ingress_exposure" {
  type        = string
  description = "How staff reach the app: \"internal\" (private address and private DNS zone, from the VNet and networks connected to it, e.g. the shops') or \"public\" (public IP and DNS zone, only from ingress_allowed_cidrs)."
  default     = "internal"

  validation {
    condition     = contains(["internal", "public"], var.ingress_exposure)
    error_message = "ingress_exposure must be \"internal\" or \"public\"."
  }
}

variable "ingress_allowed_cidrs" {
  type        = list(string)
  description = "Public address ranges (CIDR) of the shops and offices allowed to reach the app on 443 (and 80, which redirects) when ingress_exposure is \"public\"; must not be empty then. Never a wildcard."
  default     = []

  validation {
    condition = alltrue([
      for source in var.ingress_allowed_cidrs :
      can(regex("^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$", source)) && can(cidrhost(source, 0)) && try(tonumber(split("/", source)[1]) > 0, false)
    ])
    error_message = "ingress_allowed_cidrs must hold IPv4 CIDRs such as \"203.0.113.0/24\"; \"*\", \"0.0.0.0/0\", service tags and bare addresses are refused."
  }
}

variable "dns_zone_name" {
  type        = string
  description = "DNS zone of the staff host name, e.g. \"retail.example.com\". Terraform creates it: a private zone when internal, a public zone (to delegate from the parent domain) when public."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.dns_zone_name))
    error_message = "dns_zone_name must be a lower-case DNS name such as \"retail.example.com\"."
  }
}

variable "staff_host_name" {
  type        = string
  description = "Record name of the staff site inside dns_zone_name; the site is https://<staff_host_name>.<dns_zone_name>."
  default     = "orders"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.staff_host_name))
    error_message = "staff_host_name must be a single lower-case DNS label such as \"orders\"."
  }
}

variable "tls_certificate_pfx_base64" {
  type        = string
  description = "Optional PFX (certificate, chain and private key), base64-encoded (base64 -w0 cert.pfx), imported into Key Vault as the site's certificate. null: Key Vault issues one with tls_certificate_issuer."
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
  description = "Issuer Key Vault uses when no PFX is given: \"Self\" (self-signed, for a first deployment or tests) or the name of a CA issuer configured in the vault."
  default     = "Self"

  validation {
    condition     = can(regex("^[0-9a-zA-Z-]{1,127}$", var.tls_certificate_issuer)) && var.tls_certificate_issuer != "Unknown"
    error_message = "tls_certificate_issuer must be \"Self\" or the name of a certificate issuer configured in the vault; \"Unknown\" (manual CSR merge) is not supported."
  }
}

variable "session_secret_version" {
  type        = number
  description = "Version of the random session secret in Key Vault; raise it by one to write a new value (signs every user out)."
  default     = 1

  validation {
    condition     = var.session_secret_version >= 1 && floor(var.session_secret_version) == var.session_secret_version
    error_message = "session_secret_version must be a whole number from 1 up."
  }
}
