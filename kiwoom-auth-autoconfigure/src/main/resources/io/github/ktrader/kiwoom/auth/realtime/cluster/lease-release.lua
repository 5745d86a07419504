-- Give up the socket's lease KEYS[1] only if member ARGV[1] still holds it, and tell the
-- members on channel ARGV[2] so that the next one takes it at once
if redis.call('GET', KEYS[1]) == ARGV[1] then
	redis.call('DEL', KEYS[1])
	redis.call('PUBLISH', ARGV[2], 'released')
	return 1
end
return 0
