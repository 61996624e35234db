output "resource_group_name" {
  description = "Name of the resource group."
  value       = azurerm_resource_group.this.name
}

output "resource_group_id" {
  description = "Resource ID of the resource group."
  value       = azurerm_resource_group.this.id
}

output "location" {
  description = "Region of the resource group."
  value       = azurerm_resource_group.this.location
}

output "virtual_network_id" {
  description = "Resource ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "control_plane_subnet_id" {
  description = "Resource ID of the control-plane subnet (delegated to AKS for API Server VNet Integration)."
  value       = azurerm_subnet.control_plane.id
}

output "worker_subnet_id" {
  description = "Resource ID of the worker-node subnet. Read from the NSG association so that nothing is placed in the subnet before the NSG guards it."
  value       = azurerm_subnet_network_security_group_association.worker.subnet_id
}

output "network_security_group_id" {
  description = "Resource ID of the network security group on the worker subnet."
  value       = azurerm_network_security_group.worker.id
}
