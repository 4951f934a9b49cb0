-- wrk reporter for bench/run.sh: one machine-readable line after wrk's own summary.
-- errors.status counts answers >= 400; connect/read/write/timeout are socket errors.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
