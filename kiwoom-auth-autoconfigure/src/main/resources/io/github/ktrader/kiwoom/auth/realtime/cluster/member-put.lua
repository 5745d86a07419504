-- Store member ARGV[1]'s live subscriptions (ARGV[3..], "type|item") in hash KEYS[2] and
-- extend its lease in sorted set KEYS[1] to Redis's now + ARGV[2] ms. The whole set is
-- written every time, so that a Redis restarted empty is filled again by the next heartbeat.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('DEL', KEYS[2])
for i = 3, #ARGV do
	redis.call('HSET', KEYS[2], ARGV[i], '1')
end
if #ARGV >= 3 then
	redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
-- The set lapses once every lease has; a member with a shorter lease never shortens it
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
