# The way in for staff. Internal (default): the gateway gets a fixed private
# address in the ingress subnet and is reached from the shops' network through
# the VNet. Public: a static public IP, and the NSG admits HTTPS (and HTTP,
# which only redirects) from ingress_allowed_cidrs alone.

resource "azurerm_public_ip" "ingress" {
  count = local.ingress_public ? 1 : 0

  name                = "pip-${var.virtual_network_name}-ingress"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags

  lifecycle {
    precondition {
      condition     = length(var.ingress_allowed_cidrs) > 0
      error_message = "ingress_exposure = \"public\" needs ingress_allowed_cidrs: list the shops' and offices' public ranges (CIDR) that may reach the staff site."
    }
  }
}

# The destination is the gateway's address: AKS load-balancer rules use
# floating IPs, so packets reach the nodes still addressed to the frontend.
resource "azurerm_network_security_rule" "ingress" {
  for_each = local.ingress_public ? local.ingress_ports : {}

  name                        = "allow-${each.key}-to-staff-gateway"
  description                 = "${upper(each.key)} to the staff gateway, only from ingress_allowed_cidrs."
  resource_group_name         = azurerm_resource_group.this.name
  network_security_group_name = azurerm_network_security_group.worker.name
  priority                    = each.value.priority
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = each.value.port
  source_address_prefixes     = var.ingress_allowed_cidrs
  destination_address_prefix  = azurerm_public_ip.ingress[0].ip_address
}
