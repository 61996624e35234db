locals {
  control_plane_identity_name = "id-${var.name}-control-plane"
  data_collection_rule_name   = substr("dcr-container-insights-${var.name}", 0, 64)

  # The control-plane identity joins the node pool to the worker subnet and the
  # API server to the control-plane subnet, and attaches the gateway's load
  # balancer frontend (ingress subnet or public IP), so it needs rights on each.
  network_scopes = merge(
    {
      node       = var.node_subnet_id
      api_server = var.api_server_subnet_id
    },
    var.ingress_network_scopes,
  )

  service_cidr_length = split("/", var.service_cidr)[1]

  # Upgrades of Kubernetes patches and of the node OS image run in separate
  # weekly windows, so that a bad night has one cause.
  maintenance_window_hours = 4

  # Who may fetch a kubeconfig (az aks get-credentials); what they may then do
  # comes from the Kubernetes RBAC roles below and admin_group_object_ids.
  cluster_users = toset(concat(var.admin_group_object_ids, var.deployer_principal_ids, var.cluster_user_principal_ids))

  # ingressProfile of the AKS API (2026-04-01) for what azurerm has no argument
  # for yet: the managed Gateway API CRDs (standard channel) and app routing's
  # Istio-based Gateway API implementation, GatewayClass "approuting-istio".
  gateway_api_ingress_profile = {
    gatewayAPI = {
      installation = "Standard"
    }
    webAppRouting = {
      enabled = true
      gatewayAPIImplementations = {
        appRoutingIstio = {
          mode = "Enabled"
        }
      }
    }
  }
}
