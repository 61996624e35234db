output "log_analytics_workspace_id" {
  description = "Resource ID of the Log Analytics workspace."
  value       = azurerm_log_analytics_workspace.this.id
}

output "log_analytics_workspace_name" {
  description = "Name of the Log Analytics workspace."
  value       = azurerm_log_analytics_workspace.this.name
}

output "action_group_id" {
  description = "Resource ID of the action group that e-mails alert_email."
  value       = azurerm_monitor_action_group.ops.id
}

output "metric_alert_ids" {
  description = "Resource IDs of the node CPU, memory working set and disk alerts."
  value = {
    node_cpu                = azurerm_monitor_metric_alert.node_cpu.id
    node_memory_working_set = azurerm_monitor_metric_alert.node_memory_working_set.id
    node_disk               = azurerm_monitor_metric_alert.node_disk.id
  }
}

output "pods_not_ready_alert_id" {
  description = "Resource ID of the log alert on the Orders pods not being ready."
  value       = azurerm_monitor_scheduled_query_rules_alert_v2.pods_not_ready.id
}
