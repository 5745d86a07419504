-- Reserve the next permit of a shared token bucket kept as one number, the time its next
-- permit is due (the generic cell rate algorithm), on Redis's own clock, so that the
-- instances' clocks need not agree. KEYS[1] the bucket, KEYS[2] the members' sorted set;
-- ARGV[1] the interval between permits, ARGV[2] the burst tolerance, ARGV[3] the longest
-- wait, all in microseconds. Returns {wait in microseconds or -1 when it would exceed the
-- longest wait (nothing is reserved then), live members}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local due = tonumber(redis.call('GET', KEYS[1]) or now)
local members = redis.call('ZCOUNT', KEYS[2], math.floor(now / 1000), '+inf')
local wait = due - tolerance - now
if wait < 0 then
  wait = 0
end
if wait > tonumber(ARGV[3]) then
  return {-1, members}
end
local nextDue = math.max(due, now) + interval
redis.call('SET', KEYS[1], string.format('%d', nextDue), 'PX', math.floor((nextDue - now) / 1000) + 1000)
return {wait, members}
