#!/usr/bin/env bash
# Benchmark: the instrumented demo app (Release build, production settings) against a bare Kestrel baseline, with wrk
# on 127.0.0.1 only. Each scenario runs A B A B (this machine is shared and noisy), then one table and the targets.
# Besides req/s it reports what each request cost the app: CPU time (from /proc, far steadier than req/s on a shared
# machine) and, when dotnet-counters is installed, bytes allocated.
# Bounded: BENCH_DURATION seconds per run (default 6); every process it starts is killed on exit, Ctrl-C included.
#
#   bash bench/run.sh                 # about 4 minutes
#   BENCH_DURATION=10 bash bench/run.sh
#   BENCH_ONLY="root-c16" BENCH_DEMO_ENV="Logging__LogLevel__Default=Warning" bash bench/run.sh
#                                     # one scenario, the demo app given extra settings: what one part costs (here,
#                                     # its log lines; OTEL_EXPORTER_OTLP_ENDPOINT= turns the export off)
#
# The table is also saved under bench/results/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${BENCH_DURATION:-6}   # seconds per measured run
settle=${BENCH_SETTLE:-5}       # seconds per app and path before the first scenario: the JIT's tiered recompilation
                                # takes a fifth of the demo app's CPU for its first ~20 s under load (perf, on this machine)
warmup=${BENCH_WARMUP:-2}       # seconds per scenario before measuring: connections and pools settle
rounds=${BENCH_ROUNDS:-2}       # A B pairs per scenario
threads=2                       # wrk threads: the machine has 2 cores, shared by wrk and the app
only=${BENCH_ONLY:-}            # scenario names to run (space-separated); all when empty
read -r -a demo_env <<< "${BENCH_DEMO_ENV:-}" # VAR=value settings added to (or overriding) the demo app's own

# Scenarios: name, path, connections. The targets below refer to these names.
scenarios=(
  "root-c16 / 16"
  "root-c128 / 128"
  "metrics-c16 /metrics 16"
  "work-c64 /work?items=100 64"
  "work-c256 /work?items=100 256"
)

if [ -n "$only" ]; then
  selected=()
  for scenario in "${scenarios[@]}"; do
    [[ " $only " == *" ${scenario%% *} "* ]] && selected+=("$scenario")
  done
  [ ${#selected[@]} -gt 0 ] || { echo "bench: BENCH_ONLY names no scenario ($only); they are: ${scenarios[*]%% *}" >&2; exit 2; }
  scenarios=("${selected[@]}")
fi

for tool in wrk curl ss dotnet; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (wrk: apt-get install wrk)" >&2; exit 2; }
done
# Optional: bytes allocated per request (dotnet tool install -g dotnet-counters).
counters=$(command -v dotnet-counters || { [ -x "$HOME/.dotnet/tools/dotnet-counters" ] && echo "$HOME/.dotnet/tools/dotnet-counters"; } || true)
clock_ticks=$(getconf CLK_TCK)

scratch=$(mktemp -d /tmp/lab-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    [ -z "$(ss -Htln "sport = :$port")" ] && { echo "$port"; return; }
  done
}

# start NAME DIR DLL PORT [VAR=value...]: runs the app from its output folder (content root = appsettings.json).
# stdout goes through a pipe to a line counter, as under Aspire where DCP drains the console.
start() {
  local name=$1 dir=$2 dll=$3 port=$4
  shift 4
  (cd "$dir" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production "$@" dotnet "$dll") \
    > >(awk -v f="$scratch/$name.stdout-lines" '{ n++ } n % 10000 == 0 { print n > f; close(f) } END { print n + 0 > f }') \
    2> "$scratch/$name.stderr" &
  local pid=$!
  pids+=("$pid")
  eval "${name}_pid=$pid"
  local deadline=$((SECONDS + 30))
  until curl -sS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do # any HTTP answer: it listens
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: $name did not start on port $port" >&2
      cat "$scratch/$name.stderr" >&2
      exit 1
    fi
    sleep 0.2
  done
}

peak_rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

echo "== building (Release)"
for project in Lab.DemoApp/Lab.DemoApp.csproj bench/Baseline/Baseline.csproj bench/OtlpSink/OtlpSink.csproj; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || { echo "bench: build of $project failed" >&2; exit 1; }
done

echo "== starting (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
sink_port=$(free_port)
start sink bench/OtlpSink/bin/Release/net10.0 OtlpSink.dll "$sink_port"
demo_port=$(free_port)
mkdir -p "$scratch/logs"
# What the AppHost gives the app, minus Development: JSON logs, the file Alloy tails, OpenTelemetry exported over
# OTLP every second (Aspire's development delays) to a receiver that really accepts it.
start demo Lab.DemoApp/bin/Release/net10.0 Lab.DemoApp.dll "$demo_port" \
  APP_NAME=demo-app APP_VERSION=1.0.0 LOG_FORMAT=json LOG_FILE="$scratch/logs/demo-app.log" \
  OTEL_SERVICE_NAME=demo-app OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" \
  OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_BLRP_SCHEDULE_DELAY=1000 \
  OTEL_METRIC_EXPORT_INTERVAL=1000 "${demo_env[@]}"
base_port=$(free_port)
start base bench/Baseline/bin/Release/net10.0 Baseline.dll "$base_port"
metrics_bytes=$(curl -fsS "http://127.0.0.1:$demo_port/metrics" | wc -c)
base_metrics_bytes=$(curl -fsS "http://127.0.0.1:$base_port/metrics" | wc -c)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process, in clock ticks

# measure PID PORT PATH CONNECTIONS SECONDS: prints "rps p50_ms p99_ms non2xx socket_errors cpu_us_per_request
# allocated_bytes_per_request" (the last one "-" without dotnet-counters). CPU and allocations are the app's own, over
# the run (plus, for allocations, the second before and after it: a few kB against megabytes).
measure() {
  local pid=$1 counts="" allocated="-" before after wrk_line
  if [ -n "$counters" ]; then
    counts="$scratch/counters-$pid-$RANDOM.csv" # dotnet-counters adds .csv to a name without it
    "$counters" collect -p "$pid" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' --refresh-interval 1 \
      --format csv --duration "00:00:00:$(printf %02d $(($5 + 3)))" -o "$counts" >/dev/null 2>&1 &
    local counters_pid=$!
    pids+=("$counters_pid")
    sleep 1
  fi
  before=$(cpu_ticks "$pid")
  wrk_line=$(wrk -t"$threads" -c"$4" -d"$5"s --timeout 2s -s bench/report.lua "http://127.0.0.1:$2$3" | grep '^BENCH')
  after=$(cpu_ticks "$pid")
  if [ -n "$counts" ]; then
    wait "$counters_pid" 2>/dev/null || true
    allocated=$(awk -F, '/total_allocated/ { s += $NF } END { printf "%.0f", s }' "$counts") # a per-second rate: summed
  fi
  awk -v line="$wrk_line" -v cpu=$((after - before)) -v hz="$clock_ticks" -v allocated="$allocated" 'BEGIN {
      n = split(line, f, " ")
      for (i = 2; i <= n; i++) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
      requests = v["requests"] > 0 ? v["requests"] : 1
      printf "%.0f %.2f %.2f %d %d %.1f %s\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000,
        v["non2xx"], v["socket_errors"], cpu / hz * 1e6 / requests, allocated == "-" ? "-" : sprintf("%.0f", allocated / requests)
    }'
}

declare -A settle_paths=() # each path the scenarios use, once
for scenario in "${scenarios[@]}"; do
  read -r _ path _ <<< "$scenario"
  settle_paths[$path]=1
done
echo "== settling: ${settle}s per app and path (JIT)"
for path in "${!settle_paths[@]}"; do
  for app in demo base; do
    port_var="${app}_port"
    wrk -t"$threads" -c16 -d"$settle"s "http://127.0.0.1:${!port_var}$path" >/dev/null
  done
done

declare -A result summary
echo "== measuring: ${#scenarios[@]} scenarios x $rounds rounds x (demo, baseline) x ${duration}s${counters:+ (allocations: dotnet-counters)}"
for scenario in "${scenarios[@]}"; do
  read -r name path connections <<< "$scenario"
  for app in demo base; do
    port_var="${app}_port"
    wrk -t"$threads" -c"$connections" -d"$warmup"s "http://127.0.0.1:${!port_var}$path" >/dev/null
  done
  for ((round = 1; round <= rounds; round++)); do
    for app in demo base; do
      port_var="${app}_port"
      pid_var="${app}_pid"
      line=$(measure "${!pid_var}" "${!port_var}" "$path" "$connections" "$duration")
      result[$name,$app,$round]="$line $(peak_rss_mb "${!pid_var}")"
      echo "   $name $app round $round: $line"
    done
  done
done

# Totals after the runs: what the demo app logged and exported, and what it had to drop.
demo_metrics=$(curl -fsS "http://127.0.0.1:$demo_port/metrics")
dropped=$(awk '/^app_log_events_dropped_total[{ ]/ { s += $2; found = 1 } END { if (found) printf "%.0f", s }' <<< "$demo_metrics") # all sinks and reasons
requests_served=$(awk '/^http_requests_total\{/ { s += $2 } END { printf "%.0f", s }' <<< "$demo_metrics")
sink_stats=$(curl -fsS "http://127.0.0.1:$sink_port/stats")
demo_rss=$(peak_rss_mb "$demo_pid")
base_rss=$(peak_rss_mb "$base_pid")
log_file_bytes=$( (cat "$scratch"/logs/*.log 2>/dev/null || true) | wc -c)

results_dir=bench/results
mkdir -p "$results_dir"
report="$results_dir/$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "bench/run.sh  $(date -u +%FT%TZ)  commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty')"
  echo "machine: $(nproc) cores, wrk -t$threads, ${duration}s per run, $rounds rounds A B A B, load now $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "req/s = mean of the rounds (each round in brackets); p50 = mean; p99 = worst round; errors summed; RSS = VmHWM so far;"
  echo "cpu_us = the app's CPU time per request, alloc_B = bytes it allocated per request (means of the rounds)"
  [ ${#demo_env[@]} -eq 0 ] || echo "demo app given: ${demo_env[*]}"
  echo
  printf '%-12s %-5s %9s %-17s %8s %8s %7s %7s %7s %7s %7s %7s\n' scenario app req/s rounds p50_ms p99_ms non2xx sockerr cpu_us alloc_B rss_mb ratio
  for scenario in "${scenarios[@]}"; do
    read -r name _ _ <<< "$scenario"
    for app in demo base; do
      rows=""
      for ((round = 1; round <= rounds; round++)); do rows+="${result[$name,$app,$round]}"$'\n'; done
      summary[$app]=$(awk -v n="$rounds" 'NF {
          rps += $1; list = list (list ? "/" : "") $1; p50 += $2; if ($3 > p99) p99 = $3; non += $4; sock += $5
          cpu += $6; if ($7 == "-") alloc = "-"; else if (alloc != "-") alloc += $7; rss = $8 }
        END { printf "%.0f %s %.2f %.2f %d %d %.1f %s %d", rps / n, list, p50 / n, p99, non, sock, cpu / n,
          (alloc == "-" ? "-" : sprintf("%.0f", alloc / n)), rss }' <<< "$rows")
    done
    base_rps=${summary[base]%% *}
    for app in demo base; do
      read -r rps list p50 p99 non sock cpu alloc rss <<< "${summary[$app]}"
      ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
      printf '%-12s %-5s %9s %-17s %8s %8s %7s %7s %7s %7s %7s %7s\n' "$name" "$app" "$rps" "[$list]" "$p50" "$p99" "$non" "$sock" "$cpu" "$alloc" "$rss" "$ratio"
      eval "${app}_${name//-/_}=\"\$rps \$p50 \$p99 \$non \$sock \$ratio \$cpu\""
    done
  done
  echo
  echo "demo: /metrics body ${metrics_bytes} B (baseline ${base_metrics_bytes} B); ${requests_served} requests counted;" \
    "$(cat "$scratch/demo.stdout-lines" 2>/dev/null || echo '?') stdout lines so far; log file ${log_file_bytes} B;" \
    "dropped log events ${dropped:-n/a}; OTLP receiver: ${sink_stats}"
  echo "peak RSS: demo ${demo_rss} MB, baseline ${base_rss} MB"
  echo
  check() { # description, awk condition over the values given
    local description=$1 condition=$2
    shift 2
    if awk "$@" "BEGIN { exit !($condition) }"; then echo "PASS  $description"; else echo "FAIL  $description"; fi
  }
  # The targets of the scenarios that ran (BENCH_ONLY may leave some out).
  # / at 16 connections: the app's CPU per request over the baseline's (steadier than req/s on a shared machine, where
  # wrk takes its share of the same 2 cores).
  if [ -n "${demo_root_c16:-}" ]; then
    read -r _ _ _ _ _ _ root_cpu <<< "$demo_root_c16"
    read -r _ _ _ _ _ _ base_root_cpu <<< "$base_root_c16"
    root_cpu_ratio=$(awk -v a="$root_cpu" -v b="$base_root_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    check "/ c16 app CPU per request <= 1.5x baseline's (${root_cpu} us / ${base_root_cpu} us = ${root_cpu_ratio}x)" 'r > 0 && r <= 1.5' -v r="$root_cpu_ratio"
  fi
  if [ -n "${demo_work_c256:-}" ]; then
    read -r _ _ work_p99 _ work_sock _ <<< "$demo_work_c256"
    check "/work c256 p99 <= 90 ms (${work_p99} ms) and 0 socket errors (${work_sock})" 'p <= 90 && s == 0' -v p="$work_p99" -v s="$work_sock"
  fi
  if [ -n "${demo_metrics_c16:-}" ]; then
    read -r _ _ metrics_p99 _ _ _ <<< "$demo_metrics_c16"
    check "/metrics c16 p99 <= 5 ms (${metrics_p99} ms)" 'p <= 5' -v p="$metrics_p99"
  fi
  check "peak RSS <= 150 MB (${demo_rss} MB)" 'm <= 150' -v m="$demo_rss"
} | tee "$report"
echo "(saved to $report)"
