-- Member ARGV[1] leaves: its subscriptions (hash KEYS[2]) and its lease (in KEYS[1]) go
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1
