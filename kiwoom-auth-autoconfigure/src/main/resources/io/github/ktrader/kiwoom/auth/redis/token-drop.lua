-- Delete the stored token only if it is the rejected one, whose sealed form starts with
-- ARGV[1] ("v2:<id>:"), and announce it on channel ARGV[2]
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, string.len(ARGV[1])) == ARGV[1] then
	redis.call('DEL', KEYS[1])
	redis.call('PUBLISH', ARGV[2], 'D')
	return 1
end
return 0
