locals {
  control_plane_subnet_name = "snet-aks-control-plane"
  worker_subnet_name        = "snet-aks-workers"
  ingress_subnet_name       = "snet-ingress"
  devops_pool_subnet_name   = "snet-devops-pool"

  subnet_prefixes = {
    control_plane = var.control_plane_subnet_prefix
    worker        = var.worker_subnet_prefix
    ingress       = var.ingress_subnet_prefix
    devops_pool   = var.devops_pool_subnet_prefix
  }

  # A prefix lies inside a range when it is no larger than the range and its
  # network address, masked to the range's length, is the range's own address.
  subnet_inside_address_space = {
    for key, prefix in local.subnet_prefixes : key => anytrue([
      for range in var.address_space :
      tonumber(split("/", prefix)[1]) >= tonumber(split("/", range)[1]) &&
      cidrhost("${cidrhost(prefix, 0)}/${split("/", range)[1]}", 0) == cidrhost(range, 0)
    ])
  }

  # Two prefixes overlap exactly when they agree on the bits of the shorter one.
  subnet_keys   = keys(local.subnet_prefixes)
  subnet_length = { for key, prefix in local.subnet_prefixes : key => tonumber(split("/", prefix)[1]) }
  subnet_pairs = [
    for pair in setproduct(range(length(local.subnet_keys)), range(length(local.subnet_keys))) :
    [local.subnet_keys[pair[0]], local.subnet_keys[pair[1]]] if pair[0] < pair[1]
  ]
  overlapping_subnets = [
    for pair in local.subnet_pairs : "${pair[0]} (${local.subnet_prefixes[pair[0]]}) and ${pair[1]} (${local.subnet_prefixes[pair[1]]})"
    if cidrhost("${cidrhost(local.subnet_prefixes[pair[0]], 0)}/${min(local.subnet_length[pair[0]], local.subnet_length[pair[1]])}", 0) ==
    cidrhost("${cidrhost(local.subnet_prefixes[pair[1]], 0)}/${min(local.subnet_length[pair[0]], local.subnet_length[pair[1]])}", 0)
  ]

  ingress_public = var.ingress_exposure == "public"

  # Azure keeps the first four addresses of a subnet; the internal gateway
  # load balancer takes the first free one, fixed so that DNS can point at it.
  ingress_private_ip_address = cidrhost(var.ingress_subnet_prefix, 4)

  # Ports the staff gateway listens on: HTTPS, and HTTP only to redirect to HTTPS.
  ingress_ports = {
    https = { port = "443", priority = 100 }
    http  = { port = "80", priority = 110 }
  }
}
