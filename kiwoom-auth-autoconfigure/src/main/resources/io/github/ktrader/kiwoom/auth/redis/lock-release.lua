-- Release the issue lock only if ARGV[1] still owns it, and wake the waiters on channel ARGV[2]
if redis.call('GET', KEYS[1]) == ARGV[1] then
	redis.call('DEL', KEYS[1])
	redis.call('PUBLISH', ARGV[2], 'R')
	return 1
end
return 0
