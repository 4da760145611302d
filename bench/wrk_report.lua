-- wrk: print one JSON line with requests per second, latency percentiles (microseconds) and
-- errors, for bench/pages.py to read.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"rps": %.2f, "p50": %d, "p95": %d, "p99": %d, "requests": %d, "errors": %d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(95), latency:percentile(99), summary.requests, errors))
end
