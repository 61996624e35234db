resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = var.tags
}

resource "azurerm_virtual_network" "this" {
  name                = var.virtual_network_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = var.address_space
  tags                = var.tags

  lifecycle {
    # The subnets are separate azurerm_subnet resources. Since azurerm 4.0 the
    # inline `subnet` attribute is no longer Computed, so without this the
    # network would plan to remove them.
    ignore_changes = [subnet]

    precondition {
      condition     = alltrue(values(local.subnet_inside_address_space))
      error_message = "These subnet prefixes are not inside the virtual network address space ${jsonencode(var.address_space)}: ${join(", ", [for key, inside in local.subnet_inside_address_space : "${key} (${local.subnet_prefixes[key]})" if !inside])}."
    }

    precondition {
      condition     = length(local.overlapping_subnets) == 0
      error_message = "Subnet prefixes overlap: ${join("; ", local.overlapping_subnets)}. Give every subnet its own range."
    }
  }
}

resource "azurerm_subnet" "control_plane" {
  name                 = local.control_plane_subnet_name
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.control_plane_subnet_prefix]

  # API Server VNet Integration projects the AKS API server into this subnet.
  delegation {
    name = "aks-api-server"

    service_delegation {
      name    = "Microsoft.ContainerService/managedClusters"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

# The service endpoint lets the Key Vault firewall admit the nodes (the Secrets
# Store CSI driver and the app's pods) by subnet instead of by address.
resource "azurerm_subnet" "worker" {
  name                 = local.worker_subnet_name
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.worker_subnet_prefix]
  service_endpoints    = ["Microsoft.KeyVault"]
}

# Frontend of the internal gateway load balancer. Kept apart from the nodes so
# that its fixed address can never be handed to a node.
resource "azurerm_subnet" "ingress" {
  name                 = local.ingress_subnet_name
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.ingress_subnet_prefix]
}

# No NSG on the worker subnet would let the public gateway be reached from
# anywhere; with this NSG nothing comes in from the internet except the
# rules in main.ingress.tf. The default rules still allow traffic inside the
# VNet (and networks connected to it) and from the Azure load balancer probes.
resource "azurerm_network_security_group" "worker" {
  name                = var.network_security_group_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags
}

resource "azurerm_subnet_network_security_group_association" "worker" {
  subnet_id                 = azurerm_subnet.worker.id
  network_security_group_id = azurerm_network_security_group.worker.id
}
