-- wrk script: replays a file of pre-built requests, a different line (a different learner) per request.
--
-- Environment:
--   REPLAY_FILE     lines of "METHOD<TAB>PATH<TAB>AUTHORIZATION<TAB>COOKIE<TAB>BODY" ('-' = none), as written by
--                   benchlib.replay_line
--   REPLAY_THREADS  the -t given to wrk (each thread takes every REPLAY_THREADS-th line)
--   REPLAY_MODE     "loop" (start again at the end) or "once" (each line is sent once, then the thread stops:
--                   for quiz submissions, where a repeat would only return the stored result)
--   REPLAY_CLOSE    "1" to ask for Connection: close on every request (a fresh connection per request)

-- In "once" mode each thread stops when its lines are used up, but wrk's main thread still sleeps the whole -d
-- and divides by it; so the threads note when they sent their first request and when they stopped (from
-- /proc/uptime, 10 ms resolution), and done() prints "replay: active SECONDS" for the caller to divide by.

local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function uptime()
  local f = io.open("/proc/uptime", "r")
  local value = tonumber(f:read("*n"))
  f:close()
  return value
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  local path = os.getenv("REPLAY_FILE")
  local threads = tonumber(os.getenv("REPLAY_THREADS") or "1")
  mode = os.getenv("REPLAY_MODE") or "loop"
  local close = os.getenv("REPLAY_CLOSE") == "1"
  -- "gzip" or "br": ask for a compressed answer, as browsers do (issue 18).
  local encoding = os.getenv("REPLAY_ENCODING")
  requests = {}
  local index = 0
  for line in io.lines(path) do
    if index % threads == tid then
      local f = split(line)
      local headers = {}
      if f[3] ~= "-" then headers["Authorization"] = f[3] end
      if f[4] ~= "-" then headers["Cookie"] = f[4] end
      local body = nil
      if f[5] ~= "-" then
        body = f[5]
        headers["Content-Type"] = "application/json"
      end
      if close then headers["Connection"] = "close" end
      if encoding and encoding ~= "" then headers["Accept-Encoding"] = encoding end
      table.insert(requests, wrk.format(f[1], f[2], headers, body))
    end
    index = index + 1
  end
  position = 0
  -- wrk calls request() once on thread 0's state right after init(), only to check the script (no request is
  -- sent): answer that call without using up a line.
  verify_pending = (tid == 0)
  if #requests == 0 then
    error("replay.lua: no requests for thread " .. tid .. " in " .. tostring(path))
  end
end

function request()
  if verify_pending then
    verify_pending = false
    return requests[1]
  end
  if not first_at then first_at = uptime() end
  position = position + 1
  if position > #requests then
    if mode == "once" then
      if not stopped_at then stopped_at = uptime() end
      wrk.thread:stop()
      position = #requests -- a repeat: harmless (idempotent), and the thread is stopping
    else
      position = 1
    end
  end
  return requests[position]
end

function done(summary, latency, requests)
  local first, last, all = nil, nil, true
  for _, thread in ipairs(threads) do
    local a, b = thread:get("first_at"), thread:get("stopped_at")
    if a and (not first or a < first) then first = a end
    if b then
      if not last or b > last then last = b end
    else
      all = false
    end
  end
  if first and last and all then
    io.write(string.format("replay: active %.2f s\n", last - first))
  end
end
