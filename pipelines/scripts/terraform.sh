#!/usr/bin/env bash
# terraform/ in the pipeline, run by AzureCLI@2 with a workload identity federation service connection
# (with SYSTEM_ACCESSTOKEN mapped in): Terraform and its azurerm backend sign in with that connection's
# federated credential and renew the token themselves, so long applies do not outlive it.
#
#   terraform.sh plan  <backend.hcl> <terraform.tfvars> <out dir>
#       init, validate, plan; writes <out dir>/plan-summary.json (resource addresses and actions, no
#       values) and .terraform.lock.hcl, and sets the output variable `changes` (true/false)
#   terraform.sh apply <backend.hcl> <terraform.tfvars> <approved plan dir>
#       init with the approved lock file, plan again, refuse if the changes differ from the approved
#       summary, then apply that plan
#
# Run it from terraform/ (AzureCLI@2 workingDirectory).
set -euo pipefail

action="${1:?usage: terraform.sh plan|apply <backend.hcl> <tfvars> <dir>}"
backend_config="${2:?backend config file}"
var_file="${3:?tfvars file}"
dir="${4:?plan directory}"

# AzureCLI@2 describes its workload identity federation connection in AZURESUBSCRIPTION_*; with
# addSpnToEnvironment it also passes servicePrincipalId, tenantId and a one-off idToken.
missing="run this from AzureCLI@2 (addSpnToEnvironment: true) with a workload identity federation service connection"
export ARM_USE_OIDC=true
export ARM_CLIENT_ID="${AZURESUBSCRIPTION_CLIENT_ID:-${servicePrincipalId:?$missing}}"
export ARM_TENANT_ID="${AZURESUBSCRIPTION_TENANT_ID:-${tenantId:?$missing}}"
if [ -n "${AZURESUBSCRIPTION_SERVICE_CONNECTION_ID:-}" ]; then
  # Renewable: Terraform asks Azure DevOps for a fresh token whenever it needs one.
  export ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID="$AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"
  export ARM_OIDC_AZURE_SERVICE_CONNECTION_ID="$AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"
  export ARM_OIDC_REQUEST_TOKEN="${SYSTEM_ACCESSTOKEN:?map SYSTEM_ACCESSTOKEN: \$(System.AccessToken) into the step env}"
  export ARM_OIDC_REQUEST_URL="${SYSTEM_OIDCREQUESTURI:?the job has no System.OidcRequestUri}"
else
  echo "##vso[task.logissue type=warning]No AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: using the task's one-off ID token, which expires after a few minutes."
  export ARM_OIDC_TOKEN="${idToken:?$missing}"
fi
ARM_SUBSCRIPTION_ID="$(az account show --query id --output tsv)"
export ARM_SUBSCRIPTION_ID
export TF_IN_AUTOMATION=true TF_INPUT=0

# The changes a plan makes, without any value: safe to publish and compare.
summarise() {
  terraform show -json "$1" |
    jq -S '[.resource_changes[]? | select(.change.actions != ["no-op"]) | {address, actions: .change.actions}] | sort_by(.address)'
}

case "$action" in
  plan)
    terraform init -input=false -backend-config="$backend_config"
    terraform validate
    status=0
    terraform plan -input=false -var-file="$var_file" -out=tfplan -detailed-exitcode || status=$?
    [ "$status" -ne 1 ] || exit 1
    mkdir -p "$dir"
    summarise tfplan >"$dir/plan-summary.json"
    cp .terraform.lock.hcl "$dir/"
    changes=false
    [ "$status" -eq 0 ] || changes=true
    echo "changes: $changes"
    echo "##vso[task.setvariable variable=changes;isOutput=true]$changes"
    ;;
  apply)
    cp "$dir/.terraform.lock.hcl" .terraform.lock.hcl
    terraform init -input=false -backend-config="$backend_config" -lockfile=readonly
    terraform plan -input=false -var-file="$var_file" -out=tfplan
    if ! diff -u "$dir/plan-summary.json" <(summarise tfplan); then
      echo "##vso[task.logissue type=error]The changes differ from the plan that was approved (diff above); run the pipeline again and approve the new plan."
      exit 1
    fi
    terraform apply -input=false tfplan
    ;;
  *)
    echo "unknown action $action; use plan or apply" >&2
    exit 2
    ;;
esac
