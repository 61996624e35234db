output "fqdn" {
  description = "Host name staff use, e.g. orders.retail.example.com."
  value       = local.fqdn
}

output "name_servers" {
  description = "Name servers of the public zone, to delegate it from the parent domain; empty when internal."
  value       = local.public ? azurerm_dns_zone.public[0].name_servers : []
}
