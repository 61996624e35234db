# azurerm (4.x) sets ingressProfile.webAppRouting.enabled/nginx/dnsZoneIds but
# has no argument for the managed Gateway API CRDs or for app routing's Istio
# Gateway API implementation, so they are patched onto the cluster here. The
# update reads the cluster, merges this body and writes it back; on each plan
# it compares these fields only, so drift (someone disabling them) shows up.
# azurerm writes the cluster with an older API version, which by ARM's
# versioning rules leaves these newer properties as they are.
resource "azapi_update_resource" "gateway_api" {
  type        = "Microsoft.ContainerService/managedClusters@2026-04-01"
  resource_id = azurerm_kubernetes_cluster.this.id

  body = {
    properties = {
      ingressProfile = local.gateway_api_ingress_profile
    }
  }
}
