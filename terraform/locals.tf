locals {
  name_prefix = "${var.project}-${var.environment}"

  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })

  resource_group_name         = "rg-${local.name_prefix}"
  virtual_network_name        = "vnet-${local.name_prefix}"
  network_security_group_name = "nsg-${local.name_prefix}-workers"
  cluster_name                = "aks-${local.name_prefix}"
  log_analytics_name          = "log-${local.name_prefix}"
  action_group_name           = "ag-${local.name_prefix}-ops"
  action_group_short_name     = substr("${var.project}-ops", 0, 12)
  app_identity_name           = "id-${local.name_prefix}-app"
  gateway_tls_identity_name   = "id-${local.name_prefix}-gateway-tls"
  app_registration_name       = "Orders (${var.environment})"
  dev_center_name             = "dc-${local.name_prefix}"
  dev_center_project_name     = "prj-${local.name_prefix}-pipelines"
  devops_pool_name            = "mdp-${local.name_prefix}"

  # Fixed by the cdk8s chart: the Orders pods run in this namespace under this
  # service account, which carries the app identity's client ID.
  app_kubernetes_namespace       = "orders"
  app_kubernetes_service_account = "orders"

  # The service account named in the Gateway listener's TLS option; app routing
  # reads the certificate from Key Vault as the gateway TLS identity through it.
  # It lives in the Gateway's own namespace (cdk8s/names.ts GATEWAY_NAMESPACE).
  gateway_tls_service_account = {
    namespace = "${local.app_kubernetes_namespace}-gateway"
    name      = "orders-gateway-tls"
  }

  # Secrets the server reads at start-up whose values are set out of band (see
  # README); Terraform only grants the app identity read access to them.
  key_vault_secret_names = ["server-name", "database-name", "server-username", "server-password"]
  # Written by Terraform with a random value (the server's SESSION_SECRET).
  session_secret_name = "session-secret"

  staff_fqdn = "${var.staff_host_name}.${var.dns_zone_name}"
  public_url = "https://${local.staff_fqdn}"

  ingress_public = var.ingress_exposure == "public"

  # What the control-plane identity must manage to attach the gateway's load
  # balancer frontend; keys fixed at plan time, values known after apply.
  ingress_network_scopes = merge(
    { ingress_subnet = module.networking.ingress_subnet_id },
    local.ingress_public ? { ingress_public_ip = module.networking.ingress_public_ip_id } : {},
  )

  # Annotations for the Service that app routing creates for the Gateway
  # (Gateway spec.infrastructure.annotations in the cdk8s chart), so it takes
  # the address the DNS record points at and, when public, admits only the
  # allowed ranges in the cluster-managed NSG too.
  ingress_service_annotations = local.ingress_public ? {
    "service.beta.kubernetes.io/azure-pip-name"                     = module.networking.ingress_public_ip_name
    "service.beta.kubernetes.io/azure-load-balancer-resource-group" = module.networking.resource_group_name
    "service.beta.kubernetes.io/azure-allowed-ip-ranges"            = join(",", var.ingress_allowed_cidrs)
    } : {
    "service.beta.kubernetes.io/azure-load-balancer-internal"        = "true"
    "service.beta.kubernetes.io/azure-load-balancer-internal-subnet" = module.networking.ingress_subnet_name
    "service.beta.kubernetes.io/azure-load-balancer-ipv4"            = module.networking.ingress_ip_address
  }

  # The API server admits the operators and the pipeline agents' fixed egress.
  api_server_authorized_ip_ranges = concat(var.allowed_source_addresses, ["${module.networking.devops_pool_egress_ip_address}/32"])
}
