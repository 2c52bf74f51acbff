#!/bin/bash
# Compares the audit reviews of two commits (or the working tree, "."): bundles bench/compare/
# reviews.ts against each one's packages and alternates them in one process (alternate.mjs), in
# both orders.
# usage: bench/compare/compare.sh REV_A REV_B [rounds] [chunks]   (env: ENGINE, STRIDE, ORDER, KINDS, WORKLOAD=webhook)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/.bench/compare
mkdir -p "$out"
tree() {
  if [ "$1" = "." ]; then echo "$root"; return; fi
  local rev
  rev=$(git -C "$root" rev-parse --short "$1^{commit}")
  local dir=$out/tree-$rev
  if [ ! -d "$dir" ]; then
    git -C "$root" worktree add -q --detach "$dir" "$rev"
    ln -s "$root/node_modules" "$dir/node_modules"
  fi
  echo "$dir"
}
bundle() {
  local dir
  dir=$(tree "$1")
  npx esbuild "$root/bench/compare/reviews.ts" --bundle --platform=node --format=esm --target=node20 \
    --outfile="$2" --log-level=warning \
    --alias:@portcullis/rego="$dir/packages/rego/src/index.ts" \
    --alias:@portcullis/constraint="$dir/packages/constraint/src/index.ts" \
    --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
}
bundle "$1" "$out/a.mjs"
bundle "$2" "$out/b.mjs"
# The bundle loaded second ran a few percent faster in A/A runs: both orders run, and the
# geometric mean of B/A and 1/(A/B) cancels that.
ab=$(node "$root/bench/compare/alternate.mjs" "$out/a.mjs" "$out/b.mjs" "$root" "${3:-5}" "${4:-40}")
ba=$(node "$root/bench/compare/alternate.mjs" "$out/b.mjs" "$out/a.mjs" "$root" "${3:-5}" "${4:-40}")
echo "A then B: $ab"
echo "B then A: $ba (ratios are A/B here)"
node -e 'const [x, y] = process.argv.slice(1).map((s) => Number(/B\/A ([0-9.]+)/.exec(s)[1])); console.log(`B/A, both orders: ${Math.sqrt(x / y).toFixed(3)}`);' "$ab" "$ba"
