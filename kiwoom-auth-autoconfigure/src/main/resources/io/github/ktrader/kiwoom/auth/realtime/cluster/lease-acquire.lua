-- Take the socket's lease KEYS[1] for member ARGV[1] for ARGV[2] ms, or extend it when the
-- member holds it already; 1 when it is the member's, 0 when another member holds it
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	return 1
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
	return 1
end
return 0
