#!/usr/bin/env bash
# Applies the synthesised manifests to the AKS cluster as the deploy connection's Entra identity,
# then waits until they are live: every Deployment in the file rolled out, every Gateway programmed.
# Run by AzureCLI@2 (signed in as the service connection), with kubelogin and kubectl on PATH.
#
#   deploy-manifests.sh <resource group> <cluster> <manifest file> <timeout seconds>
#
# The cluster has no local accounts: `az aks get-credentials` (never --admin) fetches the user
# kubeconfig, which holds no credential (Azure Kubernetes Service Cluster User Role), and kubelogin
# makes kubectl ask the signed-in Azure CLI for Entra tokens; Kubernetes RBAC comes from Azure RBAC.
# Not KubernetesManifest@1: it runs every kubectl command with --namespace, and kubectl refuses an
# object of another namespace then, while the manifests hold two (the app's and the Gateway's).
set -euo pipefail

usage="usage: deploy-manifests.sh <resource group> <cluster> <manifest file> <timeout seconds>"
resource_group="${1:?$usage}"
cluster="${2:?$usage}"
manifest="${3:?$usage}"
timeout="${4:?$usage}"
[ -s "$manifest" ] || { echo "##vso[task.logissue type=error]no manifests at $manifest: did npm run synth write them there?" && exit 1; }

kubeconfig_dir="$(mktemp -d)"
trap 'rm -rf "$kubeconfig_dir"' EXIT
export KUBECONFIG="$kubeconfig_dir/config"
az aks get-credentials --resource-group "$resource_group" --name "$cluster" --file "$KUBECONFIG" --only-show-errors
kubelogin convert-kubeconfig --login azurecli

# Every object names its namespace; the Namespaces come first in the file.
kubectl apply --filename "$manifest"

# What to wait for, read back from the file: kind, namespace and name of each object.
objects="$(kubectl get --filename "$manifest" --output jsonpath='{range .items[*]}{.kind} {.metadata.namespace} {.metadata.name}{"\n"}{end}')"
while read -r kind namespace name; do
  case "$kind" in
    Deployment)
      kubectl --namespace "$namespace" rollout status "deployment/$name" --timeout "${timeout}s"
      ;;
    Gateway)
      # Programmed: the gateway's pods and its load balancer address are up.
      kubectl --namespace "$namespace" wait "gateway.gateway.networking.k8s.io/$name" --for condition=Programmed --timeout "${timeout}s"
      ;;
  esac
done <<<"$objects"
echo "deployed: $(grep -c '^kind: ' "$manifest") objects from $manifest"
