#!/usr/bin/env bash
# Installs one Terraform release for the rest of the job: downloads it from releases.hashicorp.com,
# checks it against the release's SHA256SUMS and puts it first on PATH.
#
#   install-terraform.sh 1.14.5
set -euo pipefail

version="${1:?usage: install-terraform.sh <version>, e.g. 1.14.5}"
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "no Terraform build for $(uname -m)" >&2 && exit 1 ;;
esac

zip="terraform_${version}_linux_${arch}.zip"
release="https://releases.hashicorp.com/terraform/${version}"
dir="${AGENT_TOOLSDIRECTORY:-${HOME}/.cache}/terraform/${version}"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT

curl -fsSL --retry 3 -o "$download/$zip" "$release/$zip"
curl -fsSL --retry 3 -o "$download/SHA256SUMS" "$release/terraform_${version}_SHA256SUMS"
(cd "$download" && grep " ${zip}\$" SHA256SUMS | sha256sum --check --strict -)

mkdir -p "$dir"
unzip -o -q "$download/$zip" terraform -d "$dir"
echo "##vso[task.prependpath]$dir"
"$dir/terraform" version
