# Subnet of the Managed DevOps Pool agents, so the Deploy stage runs inside the
# VNet: the Key Vault firewall admits this subnet, and the API server admits
# the NAT gateway's fixed address below.

resource "azurerm_subnet" "devops_pool" {
  name                            = local.devops_pool_subnet_name
  resource_group_name             = azurerm_resource_group.this.name
  virtual_network_name            = azurerm_virtual_network.this.name
  address_prefixes                = [var.devops_pool_subnet_prefix]
  service_endpoints               = ["Microsoft.KeyVault"]
  default_outbound_access_enabled = false

  delegation {
    name = "managed-devops-pool"

    service_delegation {
      name    = "Microsoft.DevOpsInfrastructure/pools"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

# One static egress address for the agents: Azure DevOps and the registries
# need outbound access (the subnet has no default outbound access), and the
# API server's authorized IP ranges need an address that does not change.
resource "azurerm_public_ip" "devops_pool_egress" {
  name                = "pip-${var.virtual_network_name}-devops-pool-egress"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags
}

resource "azurerm_nat_gateway" "devops_pool" {
  name                = "ng-${var.virtual_network_name}-devops-pool"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku_name            = "Standard"
  tags                = var.tags
}

resource "azurerm_nat_gateway_public_ip_association" "devops_pool" {
  nat_gateway_id       = azurerm_nat_gateway.devops_pool.id
  public_ip_address_id = azurerm_public_ip.devops_pool_egress.id
}

resource "azurerm_subnet_nat_gateway_association" "devops_pool" {
  subnet_id      = azurerm_subnet.devops_pool.id
  nat_gateway_id = azurerm_nat_gateway.devops_pool.id
}
