locals {
  control_plane_subnet_name = "snet-aks-control-plane"
  worker_subnet_name        = "snet-aks-workers"

  subnet_prefixes = {
    control_plane = var.control_plane_subnet_prefix
    worker        = var.worker_subnet_prefix
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
  shorter_subnet_length = min(
    tonumber(split("/", var.control_plane_subnet_prefix)[1]),
    tonumber(split("/", var.worker_subnet_prefix)[1]),
  )
  subnets_overlap = (
    cidrhost("${cidrhost(var.control_plane_subnet_prefix, 0)}/${local.shorter_subnet_length}", 0) ==
    cidrhost("${cidrhost(var.worker_subnet_prefix, 0)}/${local.shorter_subnet_length}", 0)
  )
}
