locals {
  control_plane_identity_name = "id-${var.name}-control-plane"
  data_collection_rule_name   = substr("dcr-container-insights-${var.name}", 0, 64)

  # The control-plane identity joins the node pool to the worker subnet and the
  # API server to the control-plane subnet, so it needs rights on both.
  cluster_subnets = {
    node       = var.node_subnet_id
    api_server = var.api_server_subnet_id
  }

  service_cidr_length = split("/", var.service_cidr)[1]
}
