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

output "ingress_subnet_id" {
  description = "Resource ID of the subnet that holds the internal gateway load balancer's address."
  value       = azurerm_subnet.ingress.id
}

output "ingress_subnet_name" {
  description = "Name of the ingress subnet (service annotation azure-load-balancer-internal-subnet)."
  value       = azurerm_subnet.ingress.name
}

output "ingress_ip_address" {
  description = "Address of the staff gateway: the static public IP when public, the fixed private address in the ingress subnet when internal."
  value       = local.ingress_public ? azurerm_public_ip.ingress[0].ip_address : local.ingress_private_ip_address
}

output "ingress_public_ip_name" {
  description = "Name of the gateway's static public IP (service annotation azure-pip-name); null when internal."
  value       = local.ingress_public ? azurerm_public_ip.ingress[0].name : null
}

output "ingress_public_ip_id" {
  description = "Resource ID of the gateway's static public IP; null when internal."
  value       = local.ingress_public ? azurerm_public_ip.ingress[0].id : null
}

output "devops_pool_subnet_id" {
  description = "Resource ID of the subnet the Managed DevOps Pool agents are injected into. Read from the NAT association so that agents only start once they have egress."
  value       = azurerm_subnet_nat_gateway_association.devops_pool.subnet_id
}

output "devops_pool_egress_ip_address" {
  description = "The fixed public address the pool agents' outbound traffic leaves from (allowed on the AKS API server)."
  value       = azurerm_public_ip.devops_pool_egress.ip_address
}
