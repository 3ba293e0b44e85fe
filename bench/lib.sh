# Shell functions the bench scripts share; sourced after they set ROOT, TARGET and WORK (and PIDS, the processes
# they start, which stop_started ends). Every wait is bounded.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until url answers with a status matching the regex; WAIT_TRIES half seconds (default 240). With a log file
# as the third argument, shows its end when the url does not answer.
wait_for() { # url, expected status (regex), [log]
  for _ in $(seq 1 "${WAIT_TRIES:-240}"); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)"
    [[ "$code" =~ $2 ]] && return 0
    sleep 0.5
  done
  echo "bench: $1 did not answer${3:+; the end of its log:}" >&2
  if [[ -n "${3:-}" ]]; then tail -20 "$3" >&2; fi
  return 1
}

jar() { ls "$ROOT/$1/$TARGET/$1-"*[0-9T].jar 2>/dev/null | head -1; }

# User + system CPU seconds of the processes (summed; 0 for none), from /proc.
cpu_seconds() { # pid...
  local pid
  for pid in "$@"; do cat "/proc/$pid/stat"; done \
    | awk -v ticks="$(getconf CLK_TCK)" '{sum += $14 + $15} END {printf "%.2f", sum / ticks}'
}

peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# REGISTRY_JVM_OPTIONS and REGISTRY_ENVIRONMENT as the launcher gives them to the registry (read from ./wharf).
read_launcher_registry_options() {
  REGISTRY_JVM_OPTIONS="" REGISTRY_ENVIRONMENT=""
  eval "$(grep -E '^REGISTRY_(JVM_OPTIONS|ENVIRONMENT)=' "$ROOT/wharf" || true)"
}

# INDEX_JVM_OPTIONS and INDEX_ENVIRONMENT as the launcher gives them to the index (read from ./wharf).
read_launcher_index_options() {
  INDEX_JVM_OPTIONS="" INDEX_ENVIRONMENT=""
  eval "$(grep -E '^INDEX_(JVM_OPTIONS|ENVIRONMENT)=' "$ROOT/wharf" || true)"
}

# Starts Wharf's index and registry on 127.0.0.1 with the JVM options and environment in INDEX_/REGISTRY_JVM_OPTIONS
# and _ENVIRONMENT (read_launcher_*_options): both keep their data in $1/wharf and log to $1/index.log and
# $1/registry.log; the index is public by default, reaches the registry and hears its events (a shared secret).
# Extra arguments of each (a datasource): INDEX_ARGS and REGISTRY_ARGS. Sets INDEX_PID and REGISTRY_PID.
start_index_and_registry() { # folder, index jar, registry jar, index port, registry port, their management ports
  local folder="$1" index_port="$4" registry_port="$5"
  # shellcheck disable=SC2086
  env $INDEX_ENVIRONMENT WHARF_INDEX_PORT="$index_port" WHARF_EVENTS_SECRET=bench-events-secret \
    WHARF_ADMIN_USER=bench WHARF_ADMIN_PASSWORD=bench-password java $INDEX_JVM_OPTIONS -jar "$2" \
    --server.address=127.0.0.1 --server.port="$index_port" --management.server.port="$6" \
    --wharf.data-dir="$folder/wharf" --wharf.index.registry-url="http://127.0.0.1:$registry_port" \
    --wharf.index.default-visibility=public ${INDEX_ARGS:-} >"$folder/index.log" 2>&1 &
  INDEX_PID=$!
  PIDS+=($INDEX_PID)
  # shellcheck disable=SC2086
  env $REGISTRY_ENVIRONMENT WHARF_INDEX_PORT="$index_port" WHARF_EVENTS_SECRET=bench-events-secret \
    java $REGISTRY_JVM_OPTIONS -jar "$3" --server.address=127.0.0.1 --server.port="$registry_port" \
    --management.server.port="$7" --wharf.data-dir="$folder/wharf" ${REGISTRY_ARGS:-} >"$folder/registry.log" 2>&1 &
  REGISTRY_PID=$!
  PIDS+=($REGISTRY_PID)
}

# $WORK/distribution.yml: CNCF Distribution on 127.0.0.1:<port>, storing below $WORK/distribution, deletes enabled.
write_distribution_config() { # port
  cat >"$WORK/distribution.yml" <<YAML
version: 0.1
log: {level: error}
storage:
  filesystem: {rootdirectory: $WORK/distribution}
  delete: {enabled: true}
http: {addr: 127.0.0.1:$1}
YAML
}

# Starts Distribution on the port (its PID in DISTRIBUTION_PID and PIDS); the caller waits for it.
start_distribution() { # port
  write_distribution_config "$1"
  docker-registry serve "$WORK/distribution.yml" >"$WORK/distribution.log" 2>&1 &
  DISTRIBUTION_PID=$!
  PIDS+=("$DISTRIBUTION_PID")
}

# Ends the processes in PIDS and waits for them.
stop_started() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
