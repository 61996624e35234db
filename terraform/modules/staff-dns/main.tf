# The staff host name, pointing at the gateway's fixed address. Public: a
# public Azure DNS zone (delegate it from the parent domain to the name
# servers this module outputs). Internal: a private zone linked to the VNet;
# the shops' DNS must forward the zone to Azure (e.g. a DNS Private Resolver).

resource "azurerm_dns_zone" "public" {
  count = local.public ? 1 : 0

  name                = var.zone_name
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_dns_a_record" "public" {
  count = local.public ? 1 : 0

  name                = var.host_name
  zone_name           = azurerm_dns_zone.public[0].name
  resource_group_name = var.resource_group_name
  ttl                 = var.ttl
  records             = [var.ip_address]
  tags                = var.tags
}

resource "azurerm_private_dns_zone" "internal" {
  count = local.public ? 0 : 1

  name                = var.zone_name
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "internal" {
  count = local.public ? 0 : 1

  name                  = "link-${replace(var.zone_name, ".", "-")}"
  resource_group_name   = var.resource_group_name
  private_dns_zone_name = azurerm_private_dns_zone.internal[0].name
  virtual_network_id    = var.virtual_network_id
  registration_enabled  = false
  tags                  = var.tags
}

resource "azurerm_private_dns_a_record" "internal" {
  count = local.public ? 0 : 1

  name                = var.host_name
  zone_name           = azurerm_private_dns_zone.internal[0].name
  resource_group_name = var.resource_group_name
  ttl                 = var.ttl
  records             = [var.ip_address]
  tags                = var.tags
}
