-- Member ARGV[1] leaves; members whose lease ran out are dropped; if nobody remains, the
-- token KEYS[2] is taken (returned and deleted) for the caller, the last one out, to revoke,
-- when ARGV[2] is '1'; otherwise it stays for the next start (revoking at shutdown is off)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 or ARGV[2] ~= '1' then
	return false
end
local token = redis.call('GET', KEYS[2])
if token then
	redis.call('DEL', KEYS[2])
end
return token
