output "name" {
  description = "Name of the pool, as pipelines name it (pool: name)."
  value       = azurerm_managed_devops_pool.this.name
}

output "id" {
  description = "Resource ID of the Managed DevOps Pool."
  value       = azurerm_managed_devops_pool.this.id
}
