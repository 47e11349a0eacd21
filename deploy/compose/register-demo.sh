#!/bin/sh
# Waits until the Api's silo is Active, creates a tenant and registers $GLANCE_SOURCE as a live event (started a
# minute ago, ending in a day); prints the broadcaster key and a context query. Idempotent enough for a demo: a tenant
# that exists already answers 409 and the script says so.
set -eu
until curl -fsS "$GLANCE_API/readyz" >/dev/null 2>&1; do sleep 2; done
tenant=$(curl -fsS -X POST "$GLANCE_API/v1/tenants" \
  -H "Authorization: Bearer $GLANCE_ADMIN_KEY" -H 'Content-Type: application/json' \
  -d '{"id":"compose","name":"Compose demo"}') || { echo "register: the tenant exists already (or the Api refused); nothing registered"; exit 0; }
key=$(printf '%s' "$tenant" | sed -n 's/.*"key":"\(gk_[^"]*\)".*/\1/p')
start=$(date -u -d "@$(($(date +%s) - 60))" +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u -d "@$(($(date +%s) + 86400))" +%Y-%m-%dT%H:%M:%SZ)
curl -fsS -X PUT "$GLANCE_API/v1/events/channel" \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Compose channel\",\"startsAt\":\"$start\",\"endsAt\":\"$end\",\"source\":\"$GLANCE_SOURCE\",\"detectors\":[\"text\",\"teams\"]}" >/dev/null
echo "register: event 'channel' of tenant 'compose' watches $GLANCE_SOURCE"
echo "register: broadcaster key $key"
echo "register: segments: curl -H \"Authorization: Bearer $key\" http://localhost:8080/v1/events/channel/segments"
