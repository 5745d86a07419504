-- Kiwoom refused a call of a shared bucket: its next permit is a second (the span Kiwoom
-- counts over) or one interval, whichever is longer, plus the burst tolerance, from Redis's
-- now, unless it was due later already. KEYS[1] the bucket;
-- ARGV[1] the interval, ARGV[2] the burst tolerance, in microseconds.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local full = now + math.max(tonumber(ARGV[1]), 1000000) + tonumber(ARGV[2])
local due = tonumber(redis.call('GET', KEYS[1]) or now)
if due < full then
  redis.call('SET', KEYS[1], string.format('%d', full), 'PX', math.floor((full - now) / 1000) + 1000)
end
return 1
