locals {
  public = var.exposure == "public"
  fqdn   = "${var.host_name}.${var.zone_name}"
}
