# Staff reach the app over the internet, from the shops' and offices' public
# ranges only: static public IP, public DNS zone (delegate it to the name
# servers output below), NSG rules for 443 and 80 from ingress_allowed_cidrs.
#
#   cd terraform/examples/public && terraform init && terraform plan
module "orders" {
  source = "../.."

  environment              = "test"
  location                 = "westeurope"
  allowed_source_addresses = ["203.0.113.10/32"]
  alert_email              = "orders-ops@example.com"
  key_vault_name           = "kv-orders-test-002"
  container_registry_name  = "acrorderstest002"

  dns_zone_name         = "orders.example.com"
  staff_host_name       = "staff"
  ingress_exposure      = "public"
  ingress_allowed_cidrs = ["198.51.100.0/24", "192.0.2.0/24"]

  azure_devops_organization_url = "https://dev.azure.com/contoso"
}

output "public_url" {
  description = "URL staff open from the allowed ranges."
  value       = module.orders.public_url
}

output "dns_name_servers" {
  description = "Name servers to delegate the public zone to."
  value       = module.orders.dns_name_servers
}
