# Audit logs into the Log Analytics workspace. AKS logs go to the
# resource-specific tables (AKSAudit, AKSAuditAdmin, AKSControlPlane), which
# are cheaper to query than the shared AzureDiagnostics table.

resource "azurerm_monitor_diagnostic_setting" "cluster_audit" {
  name                           = "audit-to-log-analytics"
  target_resource_id             = var.kubernetes_cluster_id
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.this.id
  log_analytics_destination_type = "Dedicated"

  dynamic "enabled_log" {
    for_each = toset(local.cluster_audit_log_categories)

    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "key_vault_audit" {
  name                       = "audit-to-log-analytics"
  target_resource_id         = var.key_vault_id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  dynamic "enabled_log" {
    for_each = toset(local.key_vault_audit_log_categories)

    content {
      category = enabled_log.value
    }
  }
}
