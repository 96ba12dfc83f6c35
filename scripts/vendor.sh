#!/usr/bin/env bash
# Fetch the page's front-end libraries from the npm registry (pinned versions) into
# query_api/static/vendor/, with their licences. The result is committed, so a fresh clone and CI
# need no npm and no network; run this only to change a version.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=query_api/static/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# package@version  then the files to keep, as path-in-package:path-under-vendor
PACKAGES=(
  "echarts@6.1.0 dist/echarts.min.js:echarts/echarts.min.js LICENSE:echarts/LICENSE NOTICE:echarts/NOTICE"
  "codemirror@5.65.21 lib/codemirror.js:codemirror/codemirror.js lib/codemirror.css:codemirror/codemirror.css mode/sparql/sparql.js:codemirror/sparql.js addon/display/placeholder.js:codemirror/placeholder.js LICENSE:codemirror/LICENSE"
)

rm -rf "$OUT" && mkdir -p "$OUT"
for entry in "${PACKAGES[@]}"; do
  read -r spec files <<<"$entry"
  (cd "$TMP" && npm pack --silent "$spec" >/dev/null)
  tarball=$(ls "$TMP"/*.tgz)
  mkdir -p "$TMP/x" && tar -xzf "$tarball" -C "$TMP/x"
  for pair in $files; do
    mkdir -p "$OUT/$(dirname "${pair#*:}")"
    cp "$TMP/x/package/${pair%%:*}" "$OUT/${pair#*:}"
  done
  echo "$spec" >>"$OUT/VERSIONS"
  rm -rf "$TMP/x" "$tarball"
done
echo "vendored into $OUT:"; cat "$OUT/VERSIONS"
