#!/usr/bin/env bash
# After Docker@2 has pushed <registry>/<repository>:<tag>, sets the output variable imageReference to
# <registry>/<repository>:<tag>@sha256:<digest>, the exact image the Deploy stage synthesises and
# applies: what runs is the build that was tested and pushed, even if someone pushed that tag again.
#
#   pushed-image.sh myacr.azurecr.io/orders:3f2c1ab...
set -euo pipefail

fail() {
  echo "##vso[task.logissue type=error]$1"
  echo "$1" >&2
  exit 1
}

image="${1:?usage: pushed-image.sh <registry>/<repository>:<tag>}"
[[ "${image##*/}" == *:* ]] || fail "$image has no tag; pass the reference Docker@2 pushed, <registry>/<repository>:<tag>"
repository="${image%:*}"

digests="$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$image")" ||
  fail "there is no image $image on this agent: is containerRegistryLoginServer the registry of the Docker service connection?"
digest="$(printf '%s\n' "$digests" | awk -F@ -v repository="$repository" '$1 == repository { print $2; exit }')"
[ -n "$digest" ] || fail "$image has no digest in $repository: Docker@2 did not push it there"

reference="$image@$digest"
echo "pushed $reference"
echo "##vso[task.setvariable variable=imageReference;isOutput=true]$reference"
