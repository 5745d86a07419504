-- Return the union of the live members' subscriptions ("type|item"), forgetting members
-- whose lease ran out by Redis's clock; ARGV[1] is the prefix of the members' hashes
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local seen = {}
local union = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
	for _, field in ipairs(redis.call('HKEYS', ARGV[1] .. id)) do
		if not seen[field] then
			seen[field] = true
			union[#union + 1] = field
		end
	end
end
return union
