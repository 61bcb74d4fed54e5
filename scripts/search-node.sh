#!/usr/bin/env bash
# Start, stop or query a real single-node OpenSearch 2.19 server for Minga's
# tests and local development.
#
#   scripts/search-node.sh start    # install on first use, start, wait for yellow
#   scripts/search-node.sh stop     # SIGTERM, then SIGKILL after a grace period
#   scripts/search-node.sh status   # exit 0 when it runs, 3 when it does not
#   scripts/search-node.sh start-cluster   # a local cluster of SEARCH_CLUSTER_SIZE (2) nodes on
#   scripts/search-node.sh stop-cluster    # SEARCH_PORT, SEARCH_PORT+1, …: the first manages the
#                                          # cluster and holds data, the others hold data only
#
# Why it is built this way:
# * Our machines have no Docker and reach only package registries, so the
#   official tarball cannot be downloaded. Maven Central, however, serves the
#   server jar, its dependencies and the module jars; scripts/search-node/pom.xml
#   resolves them and this script arranges them in the tarball's layout
#   (lib/, modules/<name>/) and adds the files the tarball would have had
#   (plugin descriptors, security policies, config).
# * OpenSearch refuses to run as root, and we are root on dev boxes and in CI,
#   so the node runs as an unprivileged system user (SEARCH_NODE_USER).
# * The official launcher scripts are not on Maven Central either, so the JVM
#   is started directly with the options the launcher would have given it.
#
# Environment:
#   SEARCH_PORT            HTTP port (default 9200)
#   SEARCH_TRANSPORT_PORT  node-to-node port (default SEARCH_PORT + 100)
#   SEARCH_HEAP            JVM heap, used for -Xms and -Xmx (default 512m)
#   SEARCH_NODE_RESET=1    wipe the node's data (all indices) before starting
#   SEARCH_NODE_TIMEOUT    seconds to wait for the node to turn yellow (default 120)
#   SEARCH_NODE_CACHE_DIR  where the install, data, logs and Maven repository
#                          live (default <repo>/.cache); must be readable by
#                          SEARCH_NODE_USER
#   SEARCH_NODE_NAME       run a node of another name beside the default one, with
#                          its own config, data, logs and pid file under
#                          <cache>/opensearch/nodes/<name> (the install is shared);
#                          give it its own SEARCH_PORT
#   SEARCH_CLUSTER_SEEDS   the transport addresses of a cluster's nodes (host:port,…):
#                          the node joins that cluster instead of running alone
#   SEARCH_CLUSTER_MANAGERS the nodes that may manage a new cluster (node names, comma-separated)
#   SEARCH_NODE_ROLES      the node's roles (default: all of them)
#   SEARCH_CLUSTER_SIZE    nodes start-cluster starts (default 2)
#   SEARCH_NODE_USER       system user the node runs as when we are root
#                          (default minga-search)
#   SEARCH_JAVA_HOME       JDK to run the node with; otherwise JAVA_HOME, the
#                          java on PATH or one under /usr/lib/jvm, whichever
#                          first is a Java 11-23 (OpenSearch 2.19 needs the
#                          security manager, which Java 24 removed)

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
SUPPORT="$SCRIPT_DIR/search-node"

CACHE="${SEARCH_NODE_CACHE_DIR:-$ROOT/.cache}"
M2_REPO="$CACHE/m2"
BASE="$CACHE/opensearch"
# The version lives in the pom only, so the jars and the descriptors below can
# never disagree about it.
VERSION="$(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' "$SUPPORT/pom.xml" | head -n1)"
HOME_DIR="$BASE/dist-$VERSION"      # read-only install: bin/, lib/, modules/, plugins/
NODE_NAME="${SEARCH_NODE_NAME:-}"
STATE="$BASE${NODE_NAME:+/nodes/$NODE_NAME}"  # a named node's state lives apart
CONF_DIR="$STATE/config"            # rendered from scripts/search-node/config
DATA_DIR="$STATE/data"
LOGS_DIR="$STATE/logs"
TMP_DIR="$STATE/tmp"
RUN_DIR="$STATE/run"
PID_FILE="$RUN_DIR/node.pid"
PORT_FILE="$RUN_DIR/node.port"      # the HTTP port the running node was given
STDOUT_LOG="$LOGS_DIR/stdout.log"
CLUSTER_SEEDS="${SEARCH_CLUSTER_SEEDS:-}"
CLUSTER_NAME="minga-search${CLUSTER_SEEDS:+-cluster}"  # a cluster's nodes never join the lone node
MAIN_LOG="$LOGS_DIR/$CLUSTER_NAME.log"   # named after cluster.name

PORT="${SEARCH_PORT:-9200}"
TRANSPORT_PORT="${SEARCH_TRANSPORT_PORT:-$((PORT + 100))}"
HEAP="${SEARCH_HEAP:-512m}"
TIMEOUT="${SEARCH_NODE_TIMEOUT:-120}"
NODE_USER="${SEARCH_NODE_USER:-minga-search}"
URL="http://127.0.0.1:$PORT"

log() { echo "search-node: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- helpers ---------------------------------------------------------------

# Prints the pid from the pid file if that process is alive and really is an
# OpenSearch node (a stale file may point at a recycled pid).
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.opensearch.bootstrap.OpenSearch' || return 1
    echo "$pid"
}

port_answers() {
    curl -fsS -m 2 -o /dev/null "$URL/" 2>/dev/null
}

java_major() {  # java_major /path/to/java -> 17
    "$1" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java.specification.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//'
}

find_java() {
    local candidates=() c major
    [[ -n "${SEARCH_JAVA_HOME:-}" ]] && candidates+=("$SEARCH_JAVA_HOME/bin/java")
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
    for c in /usr/lib/jvm/*/bin/java; do [[ -x "$c" ]] && candidates+=("$c"); done
    for c in "${candidates[@]}"; do
        [[ -x "$c" ]] || continue
        major="$(java_major "$c")"
        if [[ -n "$major" && "$major" -ge 11 && "$major" -le 23 ]]; then
            echo "$c"
            return 0
        fi
    done
    die "no Java 11-23 found (OpenSearch $VERSION cannot run on Java 24+); set SEARCH_JAVA_HOME"
}

# When we are root the node runs as NODE_USER (OpenSearch refuses root);
# otherwise it simply runs as the current user.
AS_NODE_USER=()
setup_user() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    if ! id -u "$NODE_USER" >/dev/null 2>&1; then
        log "creating system user $NODE_USER"
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$NODE_USER"
    fi
    AS_NODE_USER=(runuser -u "$NODE_USER" --)
}

# Rebuilds the official tarball's layout from Maven artefacts, once per
# version. Built in a scratch folder and renamed at the end, so an interrupted
# download never leaves a half-installed node that later starts would trust.
install_dist() {
    if [[ -f "$HOME_DIR/.complete" ]]; then return 0; fi
    command -v mvn >/dev/null 2>&1 || die "mvn is needed for the first start (to fetch OpenSearch $VERSION from Maven Central)"
    log "installing OpenSearch $VERSION from Maven Central into $HOME_DIR (first start only)"
    local stage="$HOME_DIR.partial" java_home mvn_args module name
    rm -rf "$stage"
    # bin/ and plugins/ stay empty, but OpenSearch insists that they exist.
    mkdir -p "$stage/bin" "$stage/lib" "$stage/modules" "$stage/plugins" "$M2_REPO"
    # Maven runs on the same JDK as the node: JAVA_HOME may point at a JDK
    # the node cannot use, and mvn itself is happy with any 11+.
    java_home="$(dirname "$(dirname "$JAVA_BIN")")"
    mvn_args=(-B -ntp -f "$SUPPORT/pom.xml" "-Dmaven.repo.local=$M2_REPO")
    # Maven's chatter goes to a file and is shown only when it fails.
    local mvn_log="$BASE/maven.log"
    mkdir -p "$BASE"
    : >"$mvn_log"
    fetch() {  # fetch PROFILE OUTDIR
        JAVA_HOME="$java_home" mvn "${mvn_args[@]}" -P "$1" "-Dout=$2" \
            dependency:copy-dependencies >>"$mvn_log" 2>&1 && return 0
        grep -E 'ERROR|FAIL' "$mvn_log" | tail -n 20 >&2
        die "could not fetch '$1' from Maven Central (full output: $mvn_log)"
    }

    fetch server "$stage/lib"

    for module in "$SUPPORT"/modules/*/; do
        name="$(basename "$module")"
        fetch "$name" "$stage/modules/$name"
        # The module jars on Maven do not contain the descriptor and policy
        # the tarball has; ours are copies of what the official build writes.
        sed "s/@OPENSEARCH_VERSION@/$VERSION/g" "$module/plugin-descriptor.properties" \
            >"$stage/modules/$name/plugin-descriptor.properties"
        if [[ -f "$module/plugin-security.policy" ]]; then
            cp "$module/plugin-security.policy" "$stage/modules/$name/"
        fi
    done

    # The pom's exclusions should already keep server jars out of modules;
    # this guards against a future module pom pulling one in by another path,
    # which OpenSearch would reject at start ("jar hell").
    local jar
    for jar in "$stage"/modules/*/*.jar; do
        if [[ -e "$stage/lib/$(basename "$jar")" ]]; then rm -f "$jar"; fi
    done
    # analysis-common extends lang-painless and sees its jars through it.
    for jar in "$stage"/modules/analysis-common/*.jar; do
        if [[ -e "$stage/modules/lang-painless/$(basename "$jar")" ]]; then rm -f "$jar"; fi
    done

    chmod -R a+rX "$stage"
    touch "$stage/.complete"
    rm -rf "$HOME_DIR"
    mv "$stage" "$HOME_DIR"
}

# Writable state lives outside the install and belongs to the node's user.
prepare_state() {
    if [[ "${SEARCH_NODE_RESET:-0}" == "1" ]]; then
        log "SEARCH_NODE_RESET=1: wiping $DATA_DIR"
        rm -rf "$DATA_DIR"
    fi
    mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOGS_DIR" "$TMP_DIR" "$RUN_DIR"
    chmod 0755 "$STATE"
    # Re-rendered on every start so edits in the repo take effect; the
    # keystore OpenSearch creates in CONF_DIR is kept.
    cp "$SUPPORT/config/log4j2.properties" "$SUPPORT/config/jvm.options" "$CONF_DIR/"
    if [[ -n "$CLUSTER_SEEDS" ]]; then  # one of several nodes: discovery instead of single-node
        grep -v -e '^discovery.type:' -e '^cluster.name:' -e '^node.name:' "$SUPPORT/config/opensearch.yml" \
            >"$CONF_DIR/opensearch.yml"
    else
        cp "$SUPPORT/config/opensearch.yml" "$CONF_DIR/"
    fi
    chmod 0755 "$BASE"
    chmod -R u+rwX,go+rX "$CONF_DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown -R "$NODE_USER:" "$CONF_DIR" "$DATA_DIR" "$LOGS_DIR" "$TMP_DIR" "$RUN_DIR"
        # The node must read the install through every parent folder; a repo
        # cloned under /root (mode 700) would fail much later and obscurely.
        "${AS_NODE_USER[@]}" test -r "$HOME_DIR/lib/opensearch-$VERSION.jar" ||
            die "user $NODE_USER cannot read $HOME_DIR; put the repo (or SEARCH_NODE_CACHE_DIR) somewhere world-readable"
    fi
}

jvm_options() {
    grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$CONF_DIR/jvm.options" |
        sed -e "s:@TMP_DIR@:$TMP_DIR:g" -e "s:@LOGS_DIR@:$LOGS_DIR:g"
}

tail_logs() {
    local f
    for f in "$STDOUT_LOG" "$MAIN_LOG"; do
        [[ -s "$f" ]] || continue
        echo "----- last lines of $f -----" >&2
        tail -n 40 "$f" >&2
    done
}

# --- commands ----------------------------------------------------------------

cmd_start() {
    local pid started_here=0
    if pid="$(running_pid)"; then
        # One node per checkout: data, logs and pid file are shared, so a
        # second node on another port would corrupt the first one's data.
        local running_port
        running_port="$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")"
        if [[ "$running_port" != "$PORT" ]]; then
            die "a node is already running on port $running_port (pid $pid); stop it first"
        fi
        if port_answers; then
            log "already running (pid $pid) at $URL"
            return 0
        fi
        log "pid $pid is running but $URL does not answer yet; waiting for it"
    else
        if port_answers; then
            die "something else already answers on $URL; set SEARCH_PORT to another port"
        fi
        rm -f "$PID_FILE" "$PORT_FILE"
        JAVA_BIN="$(find_java)"
        setup_user
        install_dist
        prepare_state

        local opts=()
        mapfile -t opts < <(jvm_options)
        opts+=("-Xms$HEAP" "-Xmx$HEAP")
        # The launcher would cap direct (off-heap) buffers at half the heap.
        opts+=("-XX:MaxDirectMemorySize=$(( $(numfmt --from=iec "${HEAP^^}") / 2 ))")
        # OpenSearch 2.x installs a security manager, which Java 18+ only
        # permits when asked to at launch.
        if (( $(java_major "$JAVA_BIN") >= 18 )); then
            opts+=("-Djava.security.manager=allow")
        fi

        : >"$STDOUT_LOG"
        if [[ "$(id -u)" -eq 0 ]]; then chown "$NODE_USER:" "$STDOUT_LOG"; fi
        # `exec` keeps the pid written by the inner shell equal to the JVM's,
        # so `stop` signals OpenSearch itself and not runuser, whose own
        # SIGTERM handling would SIGKILL the node after only 2 s.
        # setsid detaches the node from this terminal's job control and Ctrl-C.
        # shellcheck disable=SC2016  # $$ and $1 belong to the inner shell
        setsid "${AS_NODE_USER[@]}" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
            "$JAVA_BIN" "${opts[@]}" \
            -Dopensearch.path.home="$HOME_DIR" \
            -Dopensearch.path.conf="$CONF_DIR" \
            -Dopensearch.distribution.type=tar \
            -Dopensearch.bundled_jdk=false \
            -cp "$HOME_DIR/lib/*" \
            org.opensearch.bootstrap.OpenSearch \
            -E "path.data=$DATA_DIR" \
            -E "path.logs=$LOGS_DIR" \
            -E "http.port=$PORT" \
            -E "transport.port=$TRANSPORT_PORT" \
            ${NODE_NAME:+-E "node.name=minga-search-$NODE_NAME"} \
            ${CLUSTER_SEEDS:+-E "cluster.name=$CLUSTER_NAME"} \
            ${CLUSTER_SEEDS:+-E "discovery.seed_hosts=$CLUSTER_SEEDS"} \
            ${SEARCH_CLUSTER_MANAGERS:+-E "cluster.initial_cluster_manager_nodes=$SEARCH_CLUSTER_MANAGERS"} \
            ${SEARCH_NODE_ROLES:+-E "node.roles=$SEARCH_NODE_ROLES"} \
            </dev/null >>"$STDOUT_LOG" 2>&1 &

        # The pid file appears as soon as the inner shell runs.
        for _ in $(seq 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
        pid="$(cat "$PID_FILE" 2>/dev/null || true)"
        [[ -n "$pid" ]] || { tail_logs; die "the node did not start"; }
        echo "$PORT" >"$PORT_FILE"
        started_here=1
        log "started OpenSearch $VERSION (pid $pid, heap $HEAP), waiting for $URL"
    fi

    local deadline=$((SECONDS + TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail_logs
            rm -f "$PID_FILE" "$PORT_FILE"
            die "the node exited during startup"
        fi
        if curl -fsS -m 5 -o /dev/null "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null; then
            # A replica can never be placed on a one-node cluster, so indices
            # created without an explicit number_of_replicas would stay yellow
            # and anything waiting for green would hang. OpenSearch reads this
            # default only from the cluster state, not from opensearch.yml,
            # hence the API call (idempotent; persisted in the data folder).
            curl -fsS -m 10 -o /dev/null -X PUT -H 'Content-Type: application/json' \
                "$URL/_cluster/settings" \
                -d '{"persistent":{"cluster.default_number_of_replicas":0}}' ||
                log "warning: could not set cluster.default_number_of_replicas=0"
            log "ready at $URL after ${SECONDS}s"
            return 0
        fi
        sleep 0.5
    done
    tail_logs
    # A half-started node would hold the port and make the next start claim
    # "already running"; better to leave nothing behind. A node some earlier
    # call started is left alone: it may serve someone else.
    if ((started_here)); then cmd_stop; fi
    die "the node did not become ready within ${TIMEOUT}s (see $LOGS_DIR)"
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running"
        rm -f "$PID_FILE" "$PORT_FILE"
        return 0
    fi
    # OpenSearch flushes and closes its shards on SIGTERM; give it time before
    # resorting to SIGKILL, which can leave translogs to replay next start.
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still alive after 30s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$PID_FILE" "$PORT_FILE"
    log "stopped (pid $pid)"
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        # Report the port the node was started with, whatever SEARCH_PORT is now.
        PORT="$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")"
        URL="http://127.0.0.1:$PORT"
        if port_answers; then
            echo "running: pid $pid, $URL, OpenSearch $VERSION"
        else
            echo "starting (or unresponsive): pid $pid, $URL does not answer"
        fi
        return 0
    fi
    if port_answers; then
        echo "not running (but something else answers on $URL)"
    else
        echo "not running"
    fi
    return 3
}

# A local cluster: node 1 manages it and holds data, the others hold data only, so stopping any
# node but the first leaves a working cluster (a two-node cluster with two managers would lose
# its quorum with either). Each is this script run again with its own name, ports and roles.
cluster_nodes() {
    local size="${SEARCH_CLUSTER_SIZE:-2}" n seeds=""
    for n in $(seq "$size"); do seeds+="${seeds:+,}127.0.0.1:$((TRANSPORT_PORT + n - 1))"; done
    for n in $(seq "$size"); do
        echo "$n $((PORT + n - 1)) $((TRANSPORT_PORT + n - 1)) $seeds"
    done
}

cmd_cluster() {  # cmd_cluster start|stop
    local n port transport seeds roles
    while read -r n port transport seeds; do
        roles="data,ingest"
        [[ "$n" == 1 ]] && roles="cluster_manager,data,ingest"
        SEARCH_NODE_NAME="cluster-$n" SEARCH_PORT="$port" SEARCH_TRANSPORT_PORT="$transport" \
            SEARCH_CLUSTER_SEEDS="$seeds" SEARCH_CLUSTER_MANAGERS="minga-search-cluster-1" \
            SEARCH_NODE_ROLES="$roles" "$0" "$1"
    done < <(cluster_nodes)
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    start-cluster) cmd_cluster start ;;
    stop-cluster) cmd_cluster stop ;;
    *)
        echo "usage: $0 start|stop|status|start-cluster|stop-cluster" >&2
        exit 2
        ;;
esac
