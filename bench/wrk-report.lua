-- Prints wrk's result as one machine-readable line for bench/run.sh (latencies in microseconds).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d duration_us=%d p50_us=%d p99_us=%d bytes=%d\n",
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.bytes))
end
