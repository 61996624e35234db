# The subscription comes from the environment (ARM_SUBSCRIPTION_ID), the
# tenant and credentials from `az login` or the pipeline's federated identity;
# none of them is written here. azuread and azapi read the same ARM_* settings.
provider "azurerm" {
  features {
    key_vault {
      # Purge protection forbids purging anyway; keep deleted vaults recoverable.
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }

    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}

provider "azuread" {}

provider "azapi" {}
