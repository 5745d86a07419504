-- Store the sealed token ARGV[1] of epoch ARGV[3] with a TTL of ARGV[2] ms and announce it on
-- channel ARGV[4], unless a more recently issued token has been taken since: its epoch is
-- below counter KEYS[2], or below the stored token's. The most recently issued token is the
-- live one whatever its expiry. The epoch is the third field of
-- "v2:<id>:<epoch>:<expiry ms>:<iv>:<data>".
local epoch = tonumber(ARGV[3])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if epoch < last then
	return 0
end
local current = redis.call('GET', KEYS[1])
if current then
	local stored = tonumber(string.match(current, '^v2:[^:]*:(%d+):'))
	if stored and stored > epoch then
		return 0
	end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if epoch > last then
	redis.call('SET', KEYS[2], epoch)
end
redis.call('PUBLISH', ARGV[4], 'T ' .. ARGV[1])
return 1
