-- Return the cool-down mark KEYS[1] of a failed au10001 sequence as "<kind> <remaining ms>",
-- read with its remaining time in one step; nothing when no mark is set
local kind = redis.call('GET', KEYS[1])
if not kind then
	return false
end
return kind .. ' ' .. redis.call('PTTL', KEYS[1])
