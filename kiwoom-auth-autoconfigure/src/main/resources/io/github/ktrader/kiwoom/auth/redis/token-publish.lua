-- Store the sealed token ARGV[1] (expiring at ARGV[3] epoch ms) with a TTL of ARGV[2] ms and
-- announce it on channel ARGV[4], unless the stored token expires later: a late writer never
-- replaces a newer token. The expiry is the third field of "v1:<id>:<expiry ms>:<iv>:<data>".
local current = redis.call('GET', KEYS[1])
if current then
	local expiry = tonumber(string.match(current, '^v1:[^:]*:(%d+):'))
	if expiry and expiry > tonumber(ARGV[3]) then
		return 0
	end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PUBLISH', ARGV[4], 'T ' .. ARGV[1])
return 1
