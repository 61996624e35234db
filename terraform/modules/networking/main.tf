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

  lifecycle {
    precondition {
      condition     = local.subnet_inside_address_space["control_plane"]
      error_message = "control_plane_subnet_prefix (${var.control_plane_subnet_prefix}) is not inside the virtual network address space ${jsonencode(var.address_space)}."
    }

    precondition {
      condition     = !local.subnets_overlap
      error_message = "control_plane_subnet_prefix (${var.control_plane_subnet_prefix}) overlaps worker_subnet_prefix (${var.worker_subnet_prefix}); give the two subnets separate ranges."
    }
  }
}

resource "azurerm_subnet" "worker" {
  name                 = local.worker_subnet_name
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.worker_subnet_prefix]

  lifecycle {
    precondition {
      condition     = local.subnet_inside_address_space["worker"]
      error_message = "worker_subnet_prefix (${var.worker_subnet_prefix}) is not inside the virtual network address space ${jsonencode(var.address_space)}."
    }
  }
}

# Traffic between the subnets, from the Azure load balancer and outbound
# traffic stay on the default NSG rules; these two rules only open the
# management and HTTPS ports to the listed sources. The destination is left
# open because AKS load-balancer rules use floating IPs: packets arrive
# addressed to the public frontend IP, not to an address of this subnet.
resource "azurerm_network_security_group" "worker" {
  name                = var.network_security_group_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = var.tags

  security_rule {
    name                       = "allow-https-from-allowed-sources"
    description                = "HTTPS to the workloads on the worker nodes, only from the allowed source addresses."
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes    = var.allowed_source_addresses
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-ssh-from-allowed-sources"
    description                = "SSH to the worker nodes, only from the allowed source addresses."
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes    = var.allowed_source_addresses
    destination_address_prefix = "*"
  }
}

resource "azurerm_subnet_network_security_group_association" "worker" {
  subnet_id                 = azurerm_subnet.worker.id
  network_security_group_id = azurerm_network_security_group.worker.id
}
