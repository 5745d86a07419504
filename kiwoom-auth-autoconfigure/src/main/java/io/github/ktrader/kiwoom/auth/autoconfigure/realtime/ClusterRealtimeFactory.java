package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomSchedulerHolder;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomTokenRedisProperties;
import io.github.ktrader.kiwoom.auth.realtime.CompositeRealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeObserver;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSettings;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Makes the cluster real-time of a key pair, the default one or a named one, each keyed
 * by its own host and app key in Redis, with its own lease, union and channels, and its
 * own events and meters.
 */
final class ClusterRealtimeFactory {

	/**
	 * About how many {@code 00}/{@code 04} entries the account stream keeps.
	 */
	static final long ACCOUNT_STREAM_LENGTH = 10_000;

	private final RedisConnectionFactory connectionFactory;

	private final KiwoomSchedulerHolder scheduler;

	private final RealtimeObservers observers;

	private final ClusterObservers clusterObservers;

	private final ObjectProvider<JsonMapper> jsonMapper;

	ClusterRealtimeFactory(RedisConnectionFactory connectionFactory, KiwoomSchedulerHolder scheduler,
			RealtimeObservers observers, ClusterObservers clusterObservers, ObjectProvider<JsonMapper> jsonMapper) {
		this.connectionFactory = connectionFactory;
		this.scheduler = scheduler;
		this.observers = observers;
		this.clusterObservers = clusterObservers;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Make the cluster real-time of one pair.
	 * @param account the pair's name
	 * @param prefix the prefix of its keys, {@code kiwoom} or
	 * {@code kiwoom.accounts.<name>}
	 * @param properties its properties
	 * @param appkey its app key
	 * @param tokenProvider its token provider, looked up when the holder logs in
	 * @return the member
	 */
	ClusterRealtime create(String account, String prefix, KiwoomAuthProperties properties, String appkey,
			Supplier<AccessTokenProvider> tokenProvider) {
		RealtimeSettings settings = RealtimeSettingsFactory.create(account, prefix, properties);
		JsonMapper mapper = this.jsonMapper.getIfAvailable(JsonMapper::shared);
		RealtimeObserver accountObserver = this.observers.forAccount(account);
		KiwoomTokenRedisProperties redis = properties.getToken().getRedis();
		Duration lease = redis.getLease();
		return new ClusterRealtime(settings, this.connectionFactory, redis.getKeyPrefix(), appkey, lease,
				ACCOUNT_STREAM_LENGTH,
				(hook) -> new RealtimeSession(settings, tokenProvider, this.scheduler.scheduler(),
						new CompositeRealtimeObserver(List.of(accountObserver, hook)), mapper),
				accountObserver, this.clusterObservers.forAccount(account), mapper, Clock.systemUTC());
	}

}
