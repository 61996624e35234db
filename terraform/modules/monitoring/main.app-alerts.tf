# The app's own health, from the Container Insights tables rather than a
# platform metric: there is no metric for "pods of one namespace not ready"
# without managed Prometheus, which this deployment does not run. Evaluated
# every 5 minutes; fires after two failing evaluations in a row, so a rolling
# update (a new pod briefly not ready) does not page anyone.
resource "azurerm_monitor_scheduled_query_rules_alert_v2" "pods_not_ready" {
  name                    = "${var.alert_name_prefix}-${var.app_kubernetes_namespace}-pods-not-ready"
  resource_group_name     = var.resource_group_name
  location                = var.location
  description             = "Pods of namespace ${var.app_kubernetes_namespace} are not running or fail their readiness probe, or none is running."
  severity                = 1
  scopes                  = [azurerm_log_analytics_workspace.this.id]
  evaluation_frequency    = "PT5M"
  window_duration         = "PT15M"
  auto_mitigation_enabled = true
  tags                    = var.tags

  criteria {
    query                   = local.pods_not_ready_query
    time_aggregation_method = "Count"
    operator                = "GreaterThan"
    threshold               = 0

    failing_periods {
      minimum_failing_periods_to_trigger_alert = 2
      number_of_evaluation_periods             = 2
    }
  }

  action {
    action_groups = [azurerm_monitor_action_group.ops.id]
  }
}
