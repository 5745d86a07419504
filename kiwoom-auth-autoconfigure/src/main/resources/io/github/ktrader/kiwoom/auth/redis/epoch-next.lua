-- Take the next epoch from counter KEYS[1]: the place of a newly issued token in the order
-- of issue. Never below ARGV[1], the highest epoch the caller has seen, so that a counter
-- lost with Redis's data cannot hand out an epoch that older tokens already carry.
local next = redis.call('INCR', KEYS[1])
local seen = tonumber(ARGV[1])
if next <= seen then
	next = seen + 1
	redis.call('SET', KEYS[1], next)
end
return next
