# Who may do what: Microsoft Entra object IDs (not secrets) of groups, people
# and pipeline identities, granted roles by Terraform.

variable "key_vault_secrets_officer_principal_ids" {
  type        = list(string)
  description = "Object IDs of the people, groups or pipelines allowed to write the secret values (role Key Vault Secrets Officer)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.key_vault_secrets_officer_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "key_vault_secrets_officer_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "container_registry_push_principal_ids" {
  type        = list(string)
  description = "Object IDs of the pipelines or people allowed to push images (role AcrPush)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.container_registry_push_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "container_registry_push_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "orders_reader_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members may read orders (app role Orders.Read)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.orders_reader_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "orders_reader_group_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "orders_writer_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members may add orders (app role Orders.Write)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.orders_writer_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "orders_writer_group_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "aks_admin_group_object_ids" {
  type        = list(string)
  description = "Object IDs of the Microsoft Entra groups whose members administer the cluster (Kubernetes cluster-admin through Entra ID; there are no local accounts)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.aks_admin_group_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "aks_admin_group_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "aks_deployer_principal_ids" {
  type        = list(string)
  description = "Object IDs of the identities that deploy the app to the cluster (the Deploy stage's service connection), given Azure Kubernetes Service RBAC Cluster Admin."
  default     = []

  validation {
    condition = alltrue([
      for id in var.aks_deployer_principal_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "aks_deployer_principal_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "terraform_principal_object_ids" {
  type        = list(string)
  description = "Object IDs of the identities that apply this configuration: the pipeline's apply connection (orders-terraform) and whoever applies by hand. They write the session secret and the TLS certificate (Key Vault Secrets Officer and Certificates Officer) and own the app registration. Empty: the identity running Terraform, which suits a first apply by hand only: a plan by any other identity, such as the read-only one, would then move these grants to itself."
  default     = []

  validation {
    condition = alltrue([
      for id in var.terraform_principal_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "terraform_principal_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}

variable "terraform_plan_principal_object_ids" {
  type        = list(string)
  description = "Object IDs of the read-only identities that plan this configuration (the pipeline's orders-terraform-plan connection). Refreshing the state needs, beyond Reader on the subscription: Key Vault Reader on the vault (the certificate), Key Vault Secrets User on the session secret alone, and Azure Kubernetes Service Cluster User Role on the cluster (azurerm reads the cluster's user credentials; without local accounts they hold no credential, and no Kubernetes role is granted)."
  default     = []

  validation {
    condition = alltrue([
      for id in var.terraform_plan_principal_object_ids : can(regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id))
    ])
    error_message = "terraform_plan_principal_object_ids must hold Microsoft Entra object IDs (GUIDs)."
  }
}
