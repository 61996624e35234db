#!/usr/bin/env bash
# terraform/ in the pipeline, run by AzureCLI@2 with a workload identity federation service connection
# (with SYSTEM_ACCESSTOKEN mapped in): Terraform and its azurerm backend sign in with that connection's
# federated credential and renew the token themselves, so long applies do not outlive it.
#
#   terraform.sh plan  <backend.hcl> <terraform.tfvars> <out dir>
#       as the read-only identity: init, validate, plan without taking the state lock (-lock=false)
#       and without registering resource providers; writes <out dir>/plan-changes.json (every change
#       with its values, sensitive ones as keyed digests: plan-changes.ts) and .terraform.lock.hcl,
#       and sets the output variable `changes` (true/false)
#   terraform.sh apply <backend.hcl> <terraform.tfvars> <approved plan dir>
#       as the identity that applies: init with the approved lock file, plan again (holding the
#       lock), refuse unless its changes are exactly the approved ones, values included, then apply
#       that plan
#
# The plan file and its JSON hold every value in clear: they stay in a temporary folder of the
# agent, removed on exit, and are never published. Run it from terraform/ (AzureCLI@2
# workingDirectory), on an agent with Node 24 on PATH (NodeTool@0).
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

plan_changes="../pipelines/scripts/plan-changes.ts"
private="$(mktemp -d)"
trap 'rm -rf "$private" tfplan' EXIT

# The state's lineage (the digests' key) and serial, read before planning: if an apply lands
# in between, the serial recorded is the older one, and Apply refuses rather than trusts it.
pull_state() {
  terraform state pull >"$private/state.json"
}

case "$action" in
  plan)
    # Reader on the subscription cannot register resource providers; the apply identity does that.
    export ARM_RESOURCE_PROVIDER_REGISTRATIONS=none
    terraform init -input=false -backend-config="$backend_config"
    terraform validate
    pull_state
    status=0
    # -lock=false: taking the lock writes to the state container, which this identity only reads.
    terraform plan -input=false -lock=false -var-file="$var_file" -out=tfplan -detailed-exitcode || status=$?
    [ "$status" -ne 1 ] || exit 1
    mkdir -p "$dir"
    terraform show -json tfplan >"$private/plan.json"
    node "$plan_changes" summarise "$private/plan.json" "$private/state.json" >"$dir/plan-changes.json"
    [ -s "$dir/plan-changes.json" ] || { echo "plan-changes.ts wrote no summary" >&2 && exit 1; }
    cp .terraform.lock.hcl "$dir/"
    changes=false
    [ "$status" -eq 0 ] || changes=true
    echo "changes: $changes"
    echo "##vso[task.setvariable variable=changes;isOutput=true]$changes"
    ;;
  apply)
    cp "$dir/.terraform.lock.hcl" .terraform.lock.hcl
    terraform init -input=false -backend-config="$backend_config" -lockfile=readonly
    pull_state
    terraform plan -input=false -var-file="$var_file" -out=tfplan
    terraform show -json tfplan >"$private/plan.json"
    # Fails closed: only the comparison's explicit "identical" lets the apply through.
    if ! verdict="$(node "$plan_changes" compare "$dir/plan-changes.json" "$private/plan.json" "$private/state.json")" ||
      [[ "$verdict" != "identical to the approved plan"* ]]; then
      echo "##vso[task.logissue type=error]The changes differ from the plan that was approved (listed above); nothing was applied. Run the pipeline again and approve the new plan."
      exit 1
    fi
    echo "$verdict"
    # The plan just compared; Terraform refuses it if the state moved since (a stale plan).
    terraform apply -input=false tfplan
    ;;
  *)
    echo "unknown action $action; use plan or apply" >&2
    exit 2
    ;;
esac
