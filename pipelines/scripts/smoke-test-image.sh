#!/usr/bin/env bash
# Runs the image the way AKS runs it (read-only root filesystem with /tmp writable, uid 10001, no
# capabilities, no settings: a new SQLite database under /tmp) and checks the runtime contract:
# /healthz and /readyz answer, a GraphQL query works, the log is JSON lines, `docker stop` (SIGTERM)
# drains and exits 0, and `sleep` exists for the preStop hook.
#
#   smoke-test-image.sh myacr.azurecr.io/orders:3f2c1ab...
set -euo pipefail

image="${1:?usage: smoke-test-image.sh <image>}"
name="orders-smoke-$$"

fail() {
  echo "##vso[task.logissue type=error]smoke test of $image: $1"
  echo "--- container log"
  docker logs "$name" 2>&1 | tail -n 50 || true
  exit 1
}
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT

docker run --detach --name "$name" \
  --read-only --tmpfs /tmp:rw,mode=1777,size=256m \
  --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges \
  --publish 127.0.0.1::5000 \
  "$image" >/dev/null
port="$(docker port "$name" 5000/tcp | head -n 1)"
url="http://127.0.0.1:${port##*:}"

for _ in $(seq 1 60); do
  curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  [ "$(docker inspect --format '{{.State.Running}}' "$name")" = true ] || fail "the container stopped before it was ready"
  sleep 1
done
curl -fsS "$url/healthz" >/dev/null || fail "GET /healthz did not answer 200"
curl -fsS "$url/readyz" >/dev/null || fail "GET /readyz did not answer 200 within 60 s"

answer="$(curl -fsS -H 'content-type: application/json' \
  -d '{"query":"{ orders(page: { first: 1 }) { totalCount edges { node { id } } } }"}' "$url/graphql")" ||
  fail "POST /graphql failed"
echo "GraphQL: $answer"
echo "$answer" | jq -e '.data.orders.edges | length == 1' >/dev/null || fail "the GraphQL query returned no order"

docker stop --time 30 "$name" >/dev/null
code="$(docker inspect --format '{{.State.ExitCode}}' "$name")"
[ "$code" = 0 ] || fail "after SIGTERM the container exited with $code, not 0"
docker logs "$name" 2>/dev/null | jq -e -c 'select(.msg == "stopped")' >/dev/null || fail "stdout is not JSON lines ending in \"stopped\""

docker run --rm --entrypoint sleep "$image" 0 || fail "the image has no sleep, which the preStop hook runs"
echo "smoke test passed: $image"
