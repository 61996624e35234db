#!/usr/bin/env bash
# Runs the image the way AKS runs it (read-only root filesystem with /tmp writable, uid 10001, no
# capabilities, a new SQLite database under /tmp, production with sign-in on) and checks the
# runtime contract: without sign-in settings it refuses to start, saying why; with them /healthz
# and /readyz answer, GraphQL answers an anonymous caller 401 UNAUTHENTICATED (sign-in is
# enforced; no identity provider is reached for that), the log is JSON lines, `docker stop`
# (SIGTERM) drains and exits 0, and `sleep` exists for the preStop hook.
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

refusal="$(docker run --rm --read-only --user 10001:10001 "$image" 2>&1)" && fail "it started in production without sign-in settings"
echo "$refusal" | grep -q "AUTH_MODE" || fail "its refusal to start without sign-in does not say how to configure it"

# Sign-in settings of the right shape; the identity provider itself is only asked when someone signs in.
docker run --detach --name "$name" \
  --read-only --tmpfs /tmp:rw,mode=1777,size=256m \
  --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges \
  --publish 127.0.0.1::5000 \
  --env OIDC_ISSUER=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0 \
  --env OIDC_CLIENT_ID=00000000-0000-0000-0000-000000000001 --env OIDC_CLIENT_SECRET=smoke-test-only \
  --env PUBLIC_URL=https://orders.smoke.test --env ALLOWED_HOSTS=127.0.0.1 \
  --env SESSION_SECRET="$(head -c 48 /dev/urandom | base64)" \
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

status="$(curl -sS -o /tmp/smoke-answer.json -w '%{http_code}' -H 'content-type: application/json' \
  -d '{"query":"{ orders(page: { first: 1 }) { totalCount edges { node { id } } } }"}' "$url/graphql")" ||
  fail "POST /graphql failed"
echo "GraphQL, no credentials: HTTP $status $(cat /tmp/smoke-answer.json)"
[ "$status" = 401 ] || fail "POST /graphql without credentials answered $status, not 401"
jq -e '.errors[0].extensions.code == "UNAUTHENTICATED"' /tmp/smoke-answer.json >/dev/null || fail "the 401 is not a GraphQL UNAUTHENTICATED error"

docker stop --time 30 "$name" >/dev/null
code="$(docker inspect --format '{{.State.ExitCode}}' "$name")"
[ "$code" = 0 ] || fail "after SIGTERM the container exited with $code, not 0"
docker logs "$name" 2>/dev/null | jq -e -c 'select(.msg == "stopped")' >/dev/null || fail "stdout is not JSON lines ending in \"stopped\""

docker run --rm --entrypoint sleep "$image" 0 || fail "the image has no sleep, which the preStop hook runs"
echo "smoke test passed: $image"
