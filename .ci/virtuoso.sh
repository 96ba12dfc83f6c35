#!/bin/sh
# Start a real Virtuoso 7 for the remote-store contract tests and print the URL to export.
#
#   export GOVKG_VIRTUOSO_URL=$(.ci/virtuoso.sh)     # then the Virtuoso contract tests run
#   .ci/virtuoso.sh --install-only                     # only install the package (.ci/run starts its own)
#
# Installs virtuoso-opensource-7 without prompts when it is missing (Debian/Ubuntu, as root), starts
# it in the background unless it already answers, waits until it is online and grants SPARQL Update
# to the anonymous /sparql user (a test server only: never do this on a public one).
# Progress goes to stderr; only the SPARQL endpoint URL goes to stdout. Stop it: kill "$(cat $DB/virtuoso.pid)".
set -eu

PORT_HTTP=${VIRTUOSO_HTTP_PORT:-8890}
PORT_SQL=${VIRTUOSO_SQL_PORT:-1111}
DBA_PASSWORD=${VIRTUOSO_DBA_PASSWORD:-dba}
DB=${VIRTUOSO_DB:-/var/lib/virtuoso-opensource-7/db}
INI=${VIRTUOSO_INI:-/etc/virtuoso-opensource-7/virtuoso.ini}
URL="http://127.0.0.1:${PORT_HTTP}/sparql"

say() { echo "virtuoso.sh: $*" >&2; }

answers() {
    # A SPARQL ASK that comes back means the HTTP listener and the SPARQL endpoint are both up.
    curl -fsS -o /dev/null --max-time 2 -H 'Accept: application/sparql-results+json' \
        --data-urlencode 'query=ASK {}' "$URL" 2>/dev/null
}

if ! command -v virtuoso-t >/dev/null 2>&1; then
    say "installing virtuoso-opensource-7 (apt, non-interactive)"
    printf '%s\n' \
        "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $DBA_PASSWORD" \
        "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $DBA_PASSWORD" \
        | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource-7 >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource-7 >&2; }
fi
command -v curl >/dev/null 2>&1 || { say "curl is needed to check the server; apt-get install curl"; exit 1; }
[ "${1:-}" = "--install-only" ] && exit 0

if answers; then
    say "already running at $URL"
else
    say "starting virtuoso-t in $DB"
    cd "$DB"
    # A server killed without shutting down leaves its lock behind, and a new one then refuses to start.
    if [ -f virtuoso.lck ]; then
        old_pid=$(sed -n 's/^VIRT_PID=//p' virtuoso.lck)
        if [ -z "$old_pid" ] || ! kill -0 "$old_pid" 2>/dev/null; then
            say "removing the stale lock of a server that is gone (pid ${old_pid:-?})"
            rm -f virtuoso.lck
        fi
    fi
    # setsid: the server must outlive this script and the shell that called it.
    setsid virtuoso-t +foreground +configfile "$INI" > virtuoso.out 2>&1 < /dev/null &
    echo $! > virtuoso.pid
    tries=0
    until answers; do
        tries=$((tries + 1))
        if [ "$tries" -gt 120 ]; then
            say "Virtuoso did not come online within 60 s; its log:"
            tail -n 20 "$DB/virtuoso.out" >&2 || true
            exit 1
        fi
        if ! kill -0 "$(cat virtuoso.pid)" 2>/dev/null; then
            say "virtuoso-t exited while starting; its log:"
            tail -n 20 "$DB/virtuoso.out" >&2 || true
            exit 1
        fi
        sleep 0.5
    done
    say "online (pid $(cat virtuoso.pid))"
fi

isql-vt "$PORT_SQL" dba "$DBA_PASSWORD" exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null 2>&1 || true
# The Graph Store Protocol endpoint writes as the anonymous user too: let it write any graph.
isql-vt "$PORT_SQL" dba "$DBA_PASSWORD" exec="DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null 2>&1 || true
echo "$URL"
