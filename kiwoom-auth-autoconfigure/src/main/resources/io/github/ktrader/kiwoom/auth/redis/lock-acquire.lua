-- Take the issue lock for ARGV[1] with a lease of ARGV[2] ms; -1 when taken, else the
-- holder's remaining lease in ms, so that a waiter knows how long a dead holder can block it
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	return -1
end
local remaining = redis.call('PTTL', KEYS[1])
if remaining < 0 then
	return 0
end
return remaining
