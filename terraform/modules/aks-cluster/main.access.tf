# Access to the cluster with Microsoft Entra ID and Azure RBAC. Admin groups
# get cluster-admin through admin_group_object_ids on the cluster. The deploy
# pipeline applies the Namespace and Gateway API objects (Gateway, HTTPRoute),
# which the built-in Writer and Admin roles do not cover, so it gets RBAC
# Cluster Admin; a custom role limited to those API groups is the next step.
# Everyone here also needs "Cluster User" to fetch a (token-less) kubeconfig.

resource "azurerm_role_assignment" "cluster_user" {
  for_each = local.cluster_users

  scope                = azurerm_kubernetes_cluster.this.id
  role_definition_name = "Azure Kubernetes Service Cluster User Role"
  principal_id         = each.value
}

resource "azurerm_role_assignment" "deployer" {
  for_each = toset(var.deployer_principal_ids)

  scope                = azurerm_kubernetes_cluster.this.id
  role_definition_name = "Azure Kubernetes Service RBAC Cluster Admin"
  principal_id         = each.value
}
