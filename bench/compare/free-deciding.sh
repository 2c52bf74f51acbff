#!/bin/bash
# What the webhook bench measures when deciding costs nothing, or a set time per request: a clone
# of HEAD with free-deciding.patch applied, in which `admitAll` answers a request it has answered
# before (by uid: the bench's 127 reviews repeat theirs) with that first outcome after spinning
# FREE_DECIDING_US microseconds per request. Everything else `serve` does (TLS, HTTP, parsing, the
# batcher, metrics, the reply) runs as it does in the product. Then `npm run bench -- webhook`
# once per value given, printing the webhook's G2 lines.
# usage: bench/compare/free-deciding.sh [US ...]   (default: 0)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/portcullis"
# The bench reads the library from ../shared, beside the repository.
ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"
cd "$work/portcullis"
git apply "$root/bench/compare/free-deciding.patch"
npm ci --silent
for us in "${@:-0}"; do
  echo "== deciding: ${us} µs a request"
  FREE_DECIDING_US=$us npm run --silent bench -- webhook | grep '"goal":"G2 webhook'
done
