-- Member ARGV[1] leaves; members whose lease ran out are dropped. The one place that decides
-- "last one out": nobody remains, and the member set is complete (no marker KEYS[3], set for
-- a lease when the token was put back after Redis lost its data, while heartbeats refill the
-- set). Then, when ARGV[2] is '1', the token KEYS[2] is taken (returned and deleted) for the
-- caller to revoke; otherwise it stays for the next start (revoking at shutdown is off).
-- ARGV[3] fences a late run: by Redis's clock, the moment the caller stops waiting for this
-- answer. A leave that Redis runs after it (queued behind a pause) only drops the member:
-- nobody would revoke the token it took.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if now > tonumber(ARGV[3]) then
	return false
end
if redis.call('ZCARD', KEYS[1]) > 0 or ARGV[2] ~= '1' or redis.call('EXISTS', KEYS[3]) == 1 then
	return false
end
local token = redis.call('GET', KEYS[2])
if token then
	redis.call('DEL', KEYS[2])
end
return token
