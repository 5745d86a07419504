-- Kiwoom refused a call of a shared bucket: its next permit is a second (the span Kiwoom
-- counts over) or one interval, whichever is longer, plus the burst tolerance, from Redis's
-- now, unless it was due later already; the allowance Kiwoom stated is kept for every
-- instance (as long as the member set lives, a minute at least) when it is lower than the
-- one kept. KEYS[1] the bucket, KEYS[2] the learned allowance, KEYS[3] the members' sorted
-- set; ARGV[1] the interval, ARGV[2] the burst tolerance, in microseconds; ARGV[3] the
-- allowance Kiwoom stated (0 when none). Returns the learned allowance, 0 when none.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local full = now + math.max(tonumber(ARGV[1]), 1000000) + tonumber(ARGV[2])
local due = tonumber(redis.call('GET', KEYS[1]) or now)
if due < full then
  redis.call('SET', KEYS[1], string.format('%d', full), 'PX', math.floor((full - now) / 1000) + 1000)
end
local learned = tonumber(redis.call('GET', KEYS[2]) or '0')
local stated = tonumber(ARGV[3])
if stated > 0 and (learned == 0 or stated < learned) then
  learned = stated
  redis.call('SET', KEYS[2], tostring(learned))
end
if learned > 0 then
  redis.call('PEXPIRE', KEYS[2], math.max(redis.call('PTTL', KEYS[3]), 60000))
end
return learned
