resource "azurerm_log_analytics_workspace" "this" {
  name                = var.log_analytics_workspace_name
  location            = var.location
  resource_group_name = var.resource_group_name
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_in_days
  tags                = var.tags
}

resource "azurerm_monitor_action_group" "ops" {
  name                = var.action_group_name
  resource_group_name = var.resource_group_name
  short_name          = var.action_group_short_name
  tags                = var.tags

  email_receiver {
    name                    = "orders-ops-email"
    email_address           = var.alert_email
    use_common_alert_schema = true
  }
}

# The three alerts below are the thresholds of the old runbook. Each is
# evaluated per node (split on the "node" dimension), every minute, over the
# last five minutes.

resource "azurerm_monitor_metric_alert" "node_cpu" {
  name                = "${var.alert_name_prefix}-node-cpu-over-80-percent"
  resource_group_name = var.resource_group_name
  scopes              = [var.kubernetes_cluster_id]
  description         = "A node's CPU usage averaged over 80% for 5 minutes."
  severity            = 2
  frequency           = "PT1M"
  window_size         = "PT5M"
  auto_mitigate       = true
  tags                = var.tags

  criteria {
    metric_namespace = local.aks_metric_namespace
    metric_name      = "node_cpu_usage_percentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80

    dimension {
      name     = "node"
      operator = "Include"
      values   = ["*"]
    }
  }

  action {
    action_group_id = azurerm_monitor_action_group.ops.id
  }
}

resource "azurerm_monitor_metric_alert" "node_memory_working_set" {
  name                = "${var.alert_name_prefix}-node-memory-working-set-over-80-percent"
  resource_group_name = var.resource_group_name
  scopes              = [var.kubernetes_cluster_id]
  description         = "A node's memory working set averaged over 80% for 5 minutes."
  severity            = 2
  frequency           = "PT1M"
  window_size         = "PT5M"
  auto_mitigate       = true
  tags                = var.tags

  criteria {
    metric_namespace = local.aks_metric_namespace
    metric_name      = "node_memory_working_set_percentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80

    dimension {
      name     = "node"
      operator = "Include"
      values   = ["*"]
    }
  }

  action {
    action_group_id = azurerm_monitor_action_group.ops.id
  }
}

resource "azurerm_monitor_metric_alert" "node_disk" {
  name                = "${var.alert_name_prefix}-node-disk-used-over-90-percent"
  resource_group_name = var.resource_group_name
  scopes              = [var.kubernetes_cluster_id]
  description         = "A node's disk usage averaged over 90% for 5 minutes."
  severity            = 2
  frequency           = "PT1M"
  window_size         = "PT5M"
  auto_mitigate       = true
  tags                = var.tags

  criteria {
    metric_namespace = local.aks_metric_namespace
    metric_name      = "node_disk_usage_percentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 90

    dimension {
      name     = "node"
      operator = "Include"
      values   = ["*"]
    }
  }

  action {
    action_group_id = azurerm_monitor_action_group.ops.id
  }
}
