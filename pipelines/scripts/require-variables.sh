#!/usr/bin/env bash
# Stops the job early, naming every pipeline variable that is not set. The step maps each variable
# into an environment variable of the given name; Azure Pipelines leaves an undefined `$(name)`
# as that literal text, so both empty values and `$(...)` count as missing.
#
#   require-variables.sh KEY_VAULT_URL AZURE_CLIENT_ID ...
set -euo pipefail

missing=()
for name in "$@"; do
  value="${!name:-}"
  if [ -z "$value" ] || [[ "$value" == '$('* ]]; then
    missing+=("$name${value:+ ($value)}")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  message="not set: ${missing[*]}; add them to the variable group (pipelines/DEPLOY.md lists where each value comes from)"
  echo "##vso[task.logissue type=error]$message"
  echo "$message" >&2
  exit 1
fi
echo "set: $*"
