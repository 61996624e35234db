locals {
  # Platform metrics of the managed cluster, as in the old operations runbook.
  aks_metric_namespace = "Microsoft.ContainerService/managedClusters"
}
