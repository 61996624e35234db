locals {
  # App role IDs must never change once groups are assigned; uuidv5 derives
  # them from the role's value, so they are stable without being stored.
  app_roles = {
    "Orders.Read" = {
      display_name = "Read orders"
      description  = "List, search and export orders."
    }
    "Orders.Write" = {
      display_name = "Add orders"
      description  = "Add new orders."
    }
  }
  app_role_ids = { for value, role in local.app_roles : value => uuidv5("url", "urn:orders:app-role:${value}") }

  # The projected service-account token of the Orders pods is the app's
  # client assertion: no client secret or certificate exists.
  service_account_subject = "system:serviceaccount:${var.kubernetes_namespace}:${var.kubernetes_service_account}"

  group_role_assignments = merge(
    { for id in var.reader_group_object_ids : "Orders.Read:${id}" => { role = "Orders.Read", group = id } },
    { for id in var.writer_group_object_ids : "Orders.Write:${id}" => { role = "Orders.Write", group = id } },
  )

  # Named explicitly, a plan by another identity (the pipeline's read-only one)
  # proposes no change of owner.
  owners = length(var.owner_object_ids) > 0 ? var.owner_object_ids : [data.azuread_client_config.current.object_id]
}
