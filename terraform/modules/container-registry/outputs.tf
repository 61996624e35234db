output "id" {
  description = "Resource ID of the container registry."
  value       = azurerm_container_registry.this.id
}

output "login_server" {
  description = "Registry host the pipeline pushes to and image references start with, e.g. <name>.azurecr.io."
  value       = azurerm_container_registry.this.login_server
}
