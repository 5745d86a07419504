-- Put back the sealed token ARGV[1] of epoch ARGV[3] (TTL ARGV[2] ms) that Redis lost, and in
-- the same step the caller's membership ARGV[5] (lease ARGV[6] ms): only when no token is
-- stored and no more recently issued one was taken since (counter KEYS[2]). The member set
-- KEYS[3] may miss members whose heartbeat has not come yet, so "last one out" is not
-- decided for a lease (marker KEYS[4]). Announced on channel ARGV[4].
if redis.call('EXISTS', KEYS[1]) == 1 then
	return 0
end
local epoch = tonumber(ARGV[3])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if epoch < last then
	return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], epoch)
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[6]), ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[6])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[6])
redis.call('PUBLISH', ARGV[4], 'T ' .. ARGV[1])
return 1
