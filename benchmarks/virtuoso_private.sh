#!/bin/sh
# A Virtuoso of one's own for a benchmark at scale: a new database in DIR, the HTTP endpoint on HTTP_PORT,
# settings for a store of millions of quads, started by .ci/virtuoso.sh. Prints the SPARQL URL.
#
#   URL=$(sh benchmarks/virtuoso_private.sh /tmp/virtuoso-bench 5550 5551)
#   kill "$(cat /tmp/virtuoso-bench/virtuoso.pid)"          # stop it; rm -r the folder to forget it
#
# Why not the packaged settings: NumberOfBuffers = 10000 is 80 MB of page cache, so a store of 1,000
# documents (8 M quads, ~1 GB of indexes) is read from disk on every write and join; 10 HTTP threads
# queue a load of 32 clients. BUFFERS (pages of 8 kB; default 340000, 2.7 GB, Virtuoso's figure for
# 4 GB of memory) and THREADS (default 40) change them. ROWS (default: the packaged 10,000) is the SPARQL
# ResultSetMaxRows: the sparql backend reads an answer cut there again in pages (graph_store.sparql_pages), so a
# low ROWS (50) makes every read that grows with the store show itself on a small corpus. ESTIMATE (default: the
# packaged 400) is the SPARQL MaxQueryCostEstimationTime in seconds: the optimizer's guess, which on a new
# database without statistics refused (estimated 430 s) a cube query that the same test answers when run alone.
set -eu
DIR=${1:?usage: virtuoso_private.sh DIR HTTP_PORT SQL_PORT}
HTTP_PORT=${2:?HTTP_PORT}
SQL_PORT=${3:?SQL_PORT}
BUFFERS=${BUFFERS:-340000}
THREADS=${THREADS:-40}
ROWS=${ROWS:-}
ESTIMATE=${ESTIMATE:-}
SYSTEM_INI=${SYSTEM_INI:-/etc/virtuoso-opensource-7/virtuoso.ini}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
# The packaged ini with this folder's files, these ports and the settings above (each key in its section).
awk -v dir="$DIR" -v http="$HTTP_PORT" -v sql="$SQL_PORT" -v buffers="$BUFFERS" -v threads="$THREADS" -v rows="$ROWS" -v estimate="$ESTIMATE" '
    /^\[/ { section = $0 }
    function set(value) { sub(/=.*/, "= " value); }
    # every file of the database (and its lock) in this folder, under its packaged name
    (section == "[Database]" || section == "[TempDatabase]") && /^[A-Za-z_]+ *= *\// {
        n = split($0, parts, "/"); set(dir "/" parts[n]) }
    section == "[Parameters]" && /^ServerPort/ { set(sql) }
    section == "[Parameters]" && /^NumberOfBuffers/ { set(buffers) }
    section == "[Parameters]" && /^MaxDirtyBuffers/ { set(int(buffers * 3 / 4)) }
    section == "[Parameters]" && /^DirsAllowed/ { set(". , " dir) }
    section == "[HTTPServer]" && /^ServerPort/ { set(http) }
    section == "[HTTPServer]" && /^(ServerThreads|MaxClientConnections|MaxKeepAlives)/ { set(threads) }
    section == "[SPARQL]" && /^ResultSetMaxRows/ && rows != "" { set(rows) }
    section == "[SPARQL]" && /^MaxQueryCostEstimationTime/ && estimate != "" { set(estimate) }
    { print }
' "$SYSTEM_INI" > "$DIR/virtuoso.ini"
VIRTUOSO_HTTP_PORT=$HTTP_PORT VIRTUOSO_SQL_PORT=$SQL_PORT VIRTUOSO_DB=$DIR VIRTUOSO_INI=$DIR/virtuoso.ini \
    sh "$(dirname "$0")/../.ci/virtuoso.sh"
