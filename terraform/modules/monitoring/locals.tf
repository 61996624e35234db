locals {
  # Platform metrics of the managed cluster, as in the old operations runbook.
  aks_metric_namespace = "Microsoft.ContainerService/managedClusters"

  # Audit logs to keep: who changed what in the cluster (kube-audit-admin: the
  # writes, without the flood of reads of kube-audit), Entra ID sign-ins to the
  # API server (guard), and every Key Vault data-plane access (AuditEvent).
  cluster_audit_log_categories   = ["kube-audit-admin", "guard"]
  key_vault_audit_log_categories = ["AuditEvent"]

  # The app's pods, from Container Insights (collected every minute). A pod is
  # not ready when its latest inventory row is not Running/running, when its
  # readiness probe failed recently (a Warning event), or when no pod runs at
  # all. Deployment pods only (ControllerKind ReplicaSet): finished Job pods
  # are not an outage. Rows older than the latest collection are pods gone.
  pods_not_ready_query = <<-KQL
    let namespace = "${var.app_kubernetes_namespace}";
    let inventory = KubePodInventory
      | where TimeGenerated > ago(10m) and Namespace == namespace and ControllerKind == "ReplicaSet";
    let latestCollection = toscalar(inventory | summarize max(TimeGenerated));
    let current = inventory
      | where TimeGenerated > latestCollection - 2m
      | summarize arg_max(TimeGenerated, PodStatus, ContainerStatus, ContainerStatusReason) by Name, ContainerName;
    let notRunning = current
      | where PodStatus != "Running" or ContainerStatus != "running"
      | project Pod = Name, Reason = strcat(PodStatus, "/", ContainerStatus, " ", ContainerStatusReason);
    let probeFailures = KubeEvents
      | where TimeGenerated > ago(10m) and Namespace == namespace and ObjectKind == "Pod"
      | where Reason == "Unhealthy" and Message has "Readiness probe failed"
      | summarize Failures = count() by Pod = Name
      | project Pod, Reason = strcat("readiness probe failed ", Failures, " times");
    let noPodRunning = current
      | where PodStatus == "Running" and ContainerStatus == "running"
      | count
      | where Count == 0
      | project Pod = "(none)", Reason = strcat("no running pod in namespace ", namespace);
    union notRunning, probeFailures, noPodRunning
  KQL
}
