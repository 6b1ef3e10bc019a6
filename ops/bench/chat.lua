-- wrk script of the gateway benchmark: POST /v1/chat/completions with a small chat request.
--   BENCH_STREAM=1      asks for a stream ("stream": true); otherwise the plain ~1 KB answer
--   BENCH_AUTH=...      value of the Authorization header (none when unset)
--   BENCH_HEADERS=...   further headers, one "Name: value" a line
--   BENCH_PROMPT_BYTES=N  a user message of N bytes (a business question, its sentences repeated); default 38
-- At the end it prints one line for ops/bench/gateway to read (latencies in microseconds):
--   BENCH requests=N duration_us=N p50_us=N p99_us=N mean_us=N max_us=N bytes=N
--         err_connect=N err_read=N err_write=N err_timeout=N err_status=N

local stream = os.getenv("BENCH_STREAM") == "1"

local prompt = "Explain HTTP caching in one paragraph."
local prompt_bytes = tonumber(os.getenv("BENCH_PROMPT_BYTES") or "")
if prompt_bytes then
  local more = " Our shop's pages load slowly for customers on mobile networks; which headers should we set for"
    .. " product images, the catalogue and the checkout, and how long may each be cached?"
  while #prompt < prompt_bytes do prompt = prompt .. more end
  prompt = prompt:sub(1, prompt_bytes)
end

wrk.method = "POST"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"' .. prompt .. '"}],'
  .. '"max_tokens":200,"stream":' .. (stream and "true" or "false") .. '}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = stream and "text/event-stream" or "application/json"

local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
for line in (os.getenv("BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%.1f max_us=%d bytes=%d "
      .. "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    latency.max, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status))
end
