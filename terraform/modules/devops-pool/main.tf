# A Managed DevOps Pool: Azure DevOps agents that Microsoft runs as VMs in our
# subnet, so the Deploy stage (and Terraform) reach the AKS API server and the
# firewalled Key Vault from inside the VNet. A pool belongs to a Dev Center
# project; neither is used for anything else.

# The first-party service principal that injects the agents into the subnet.
data "azuread_service_principal" "devops_infrastructure" {
  display_name = "DevOpsInfrastructure"
}

resource "azurerm_role_assignment" "devops_infrastructure_network" {
  for_each = toset(["Reader", "Network Contributor"])

  scope                = var.virtual_network_id
  role_definition_name = each.value
  principal_id         = data.azuread_service_principal.devops_infrastructure.object_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_dev_center" "this" {
  name                = var.dev_center_name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_dev_center_project" "this" {
  name                = var.dev_center_project_name
  location            = var.location
  resource_group_name = var.resource_group_name
  dev_center_id       = azurerm_dev_center.this.id
  tags                = var.tags
}

resource "azurerm_managed_devops_pool" "this" {
  name                  = var.name
  location              = var.location
  resource_group_name   = var.resource_group_name
  dev_center_project_id = azurerm_dev_center_project.this.id
  maximum_concurrency   = var.maximum_concurrency
  tags                  = var.tags

  azure_devops_organization {
    organization {
      url         = var.organization_url
      parallelism = var.maximum_concurrency
      projects    = var.projects
    }

    permission {
      kind = "CreatorOnly"
    }
  }

  virtual_machine_scale_set_fabric {
    sku_name  = var.vm_size
    subnet_id = var.subnet_id

    image {
      well_known_image_name = var.image
    }
  }

  # A fresh agent for every job: nothing of one pipeline run is left for the next.
  stateless_agent {}

  depends_on = [azurerm_role_assignment.devops_infrastructure_network]
}
