-- Reserve the next permit of a shared token bucket kept as one number, the time its next
-- permit is due (the generic cell rate algorithm), on Redis's own clock, so that the
-- instances' clocks need not agree. The bucket paces at the lower of the caller's allowance
-- and the one any instance learned from Kiwoom (KEYS[3]), so that one refusal teaches every
-- instance; the learned allowance lives as long as the member set (a minute at least), and
-- each instance that knows it puts it back if Redis lost it.
-- KEYS[1] the bucket, KEYS[2] the members' sorted set, KEYS[3] the learned allowance;
-- ARGV[1] the interval between permits, ARGV[2] the burst tolerance, ARGV[3] the longest
-- wait, all in microseconds; ARGV[4] the caller's calls per second, ARGV[5] its burst,
-- ARGV[6] the allowance it learned (0 when none), ARGV[7] the interval at one call per
-- second in microseconds. Returns {wait in microseconds or -1 when it would exceed the
-- longest wait (nothing is reserved then), live members, learned allowance or 0}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local learned = tonumber(redis.call('GET', KEYS[3]) or '0')
local mine = tonumber(ARGV[6])
if mine > 0 and (learned == 0 or mine < learned) then
  learned = mine
  redis.call('SET', KEYS[3], tostring(learned))
end
if learned > 0 then
  redis.call('PEXPIRE', KEYS[3], math.max(redis.call('PTTL', KEYS[2]), 60000))
  if learned < tonumber(ARGV[4]) then
    interval = math.floor(tonumber(ARGV[7]) / learned)
    tolerance = (math.min(tonumber(ARGV[5]), learned) - 1) * interval
  end
end
local due = tonumber(redis.call('GET', KEYS[1]) or now)
local members = redis.call('ZCOUNT', KEYS[2], math.floor(now / 1000), '+inf')
local wait = due - tolerance - now
if wait < 0 then
  wait = 0
end
if wait > tonumber(ARGV[3]) then
  return {-1, members, learned}
end
local nextDue = math.max(due, now) + interval
redis.call('SET', KEYS[1], string.format('%d', nextDue), 'PX', math.floor((nextDue - now) / 1000) + 1000)
return {wait, members, learned}
