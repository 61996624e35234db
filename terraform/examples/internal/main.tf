# Staff reach the app from the shops' network, which is connected to the VNet:
# private gateway address, private DNS zone. The default exposure.
#
#   cd terraform/examples/internal && terraform init && terraform plan
module "orders" {
  source = "../.."

  environment              = "test"
  location                 = "westeurope"
  allowed_source_addresses = ["203.0.113.10/32"]
  alert_email              = "orders-ops@example.com"
  key_vault_name           = "kv-orders-test-001"
  container_registry_name  = "acrorderstest001"

  dns_zone_name    = "retail.example.com"
  staff_host_name  = "orders-test"
  ingress_exposure = "internal"

  azure_devops_organization_url = "https://dev.azure.com/contoso"
}

output "public_url" {
  description = "URL staff open from the shops' network."
  value       = module.orders.public_url
}
