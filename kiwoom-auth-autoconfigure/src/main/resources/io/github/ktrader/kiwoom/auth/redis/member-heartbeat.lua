-- Extend member ARGV[1]'s lease to Redis's now + ARGV[2] ms. Redis's own clock scores every
-- member, so the instances' clocks need not agree. The set itself lapses once every lease has.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
