package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.CachingAccessTokenProvider;
import io.github.ktrader.kiwoom.auth.KiwoomCredentials;
import io.github.ktrader.kiwoom.auth.SharedTokenStore;
import io.github.ktrader.kiwoom.auth.SharedTokenStoreFactory;
import io.github.ktrader.kiwoom.auth.TokenIssuer;
import io.github.ktrader.kiwoom.auth.TokenRevoker;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
import io.github.ktrader.kiwoom.auth.client.KiwoomWebClientConfigurer;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;
import io.github.ktrader.kiwoom.auth.metrics.KiwoomAuthMetrics;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
import io.github.ktrader.kiwoom.auth.ratelimit.SharedPermitsFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Everything of one named key pair ({@code kiwoom.accounts.<name>}), built by
 * {@link KiwoomPairFactory} like the default pair's beans. Revokes its token when the
 * context stops, in the same phase as the default pair, and closes its provider and its
 * HTTP client when the context is destroyed.
 */
final class KiwoomPair implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(KiwoomPair.class);

	private static final boolean WEBFLUX_PRESENT = ClassUtils
		.isPresent("org.springframework.web.reactive.function.client.WebClient", KiwoomPair.class.getClassLoader())
			&& ClassUtils.isPresent("reactor.core.scheduler.Schedulers", KiwoomPair.class.getClassLoader());

	private static final boolean METRICS_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			KiwoomPair.class.getClassLoader());

	private final String name;

	private final KiwoomAuthProperties properties;

	private final KiwoomHttpClient httpClient;

	private final @Nullable SharedTokenStore sharedTokenStore;

	private final CachingAccessTokenProvider tokenProvider;

	private final RevokeTokenOnCloseLifecycle revokeOnClose;

	private final KiwoomRateLimiter rateLimiter;

	private final KiwoomRestClientConfigurer restClientConfigurer;

	private final KiwoomClient client;

	private final SingletonSupplier<@Nullable KiwoomWebClientConfigurer> webClientConfigurer;

	KiwoomPair(String name, KiwoomAuthProperties properties, ListableBeanFactory beanFactory) {
		this.name = name;
		this.properties = properties;
		JsonMapper jsonMapper = beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared);
		KiwoomCredentials credentials = KiwoomPairFactory.credentials(properties);
		this.httpClient = KiwoomPairFactory.httpClient(properties);
		this.rateLimiter = KiwoomPairFactory.rateLimiter(name, properties, "kiwoom.accounts." + name,
				beanFactory.getBeanProvider(SharedPermitsFactory.class).getIfAvailable());
		TokenIssuer issuer = postProcessed(beanFactory,
				KiwoomPairFactory.issuer(properties, credentials, this.httpClient, this.rateLimiter),
				"kiwoomTokenIssuer." + name);
		TokenRevoker revoker = postProcessed(beanFactory,
				KiwoomPairFactory.revoker(properties, credentials, this.httpClient, this.rateLimiter),
				"kiwoomTokenRevoker." + name);
		AccessTokenListener listener = listener(name, properties, credentials, beanFactory);
		this.sharedTokenStore = sharedTokenStore(name, properties, credentials, beanFactory);
		this.tokenProvider = KiwoomPairFactory.provider(name, properties, issuer, revoker,
				beanFactory.getBean("kiwoomTokenRenewalScheduler", KiwoomSchedulerHolder.class), listener,
				this.sharedTokenStore);
		this.revokeOnClose = KiwoomPairFactory.revokeOnClose(this.tokenProvider, revoker, properties, listener);
		this.restClientConfigurer = KiwoomPairFactory.restClientConfigurer(properties, this.httpClient,
				KiwoomPairFactory.interceptor(this.tokenProvider, properties, this.rateLimiter), jsonMapper);
		this.client = KiwoomPairFactory.client(this.restClientConfigurer,
				beanFactory.getBeanProvider(RestClientCustomizer.class), jsonMapper);
		this.webClientConfigurer = SingletonSupplier.of(() -> WEBFLUX_PRESENT
				? new KiwoomWebClientConfigurer(properties.baseUrl(), this.tokenProvider, jsonMapper, this.rateLimiter)
				: null);
	}

	/**
	 * What post-processes the default pair's issuer and revoker beans (observations, for
	 * one) handles the named pair's as well, though they are not beans.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T postProcessed(ListableBeanFactory beanFactory, T object, String name) {
		if (beanFactory instanceof AutowireCapableBeanFactory autowiring) {
			return (T) autowiring.initializeBean(object, name);
		}
		return object;
	}

	/**
	 * The application's listeners hear every pair; the starter's own (events, metrics,
	 * the environment line) get a copy that names this pair.
	 */
	private static AccessTokenListener listener(String name, KiwoomAuthProperties properties,
			KiwoomCredentials credentials, ListableBeanFactory beanFactory) {
		List<AccessTokenListener> listeners = new ArrayList<>();
		beanFactory.getBeanProvider(AccessTokenListener.class).orderedStream().forEach((listener) -> {
			if (listener instanceof KiwoomTokenEventPublisher publisher) {
				listeners.add(publisher.forAccount(name));
			}
			else if (METRICS_PRESENT && Metrics.isMetrics(listener)) {
				listeners.add(Metrics.forAccount(listener, name));
			}
			else if (!(listener instanceof KiwoomEnvironmentLogger)) {
				listeners.add(listener);
			}
		});
		listeners.add(new KiwoomEnvironmentLogger(properties.baseUrl(), credentials.appkey(), name));
		return new CompositeAccessTokenListener(listeners);
	}

	String name() {
		return this.name;
	}

	KiwoomAuthProperties properties() {
		return this.properties;
	}

	CachingAccessTokenProvider tokenProvider() {
		return this.tokenProvider;
	}

	KiwoomRestClientConfigurer restClientConfigurer() {
		return this.restClientConfigurer;
	}

	KiwoomClient client() {
		return this.client;
	}

	@Nullable KiwoomWebClientConfigurer webClientConfigurer() {
		return this.webClientConfigurer.get();
	}

	KiwoomAccount account() {
		return new KiwoomAccount(this.name, this.properties.baseUrl(), this.client, this.tokenProvider,
				this.restClientConfigurer, this.webClientConfigurer, this.rateLimiter);
	}

	@Override
	public void start() {
		this.revokeOnClose.start();
	}

	@Override
	public void stop() {
		this.revokeOnClose.stop();
	}

	@Override
	public void stop(Runnable callback) {
		this.revokeOnClose.stop(callback);
	}

	@Override
	public boolean isRunning() {
		return this.revokeOnClose.isRunning();
	}

	@Override
	public int getPhase() {
		return this.revokeOnClose.getPhase();
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public void destroy() throws Exception {
		try {
			this.tokenProvider.close();
		}
		finally {
			try {
				if (this.sharedTokenStore instanceof AutoCloseable closeable) {
					closeable.close();
				}
			}
			finally {
				this.httpClient.destroy();
			}
		}
	}

	/**
	 * Cluster mode for this pair: its own store, keyed by its host and app key, from the
	 * factory that {@code kiwoom.token.store=redis} on the default pair provides.
	 */
	private static @Nullable SharedTokenStore sharedTokenStore(String name, KiwoomAuthProperties properties,
			KiwoomCredentials credentials, ListableBeanFactory beanFactory) {
		if (properties.getToken().getStore() != KiwoomAuthProperties.TokenStore.REDIS) {
			return null;
		}
		SharedTokenStoreFactory factory = beanFactory.getBeanProvider(SharedTokenStoreFactory.class).getIfAvailable();
		if (factory == null) {
			logger.warn("Kiwoom account '" + name + "': kiwoom.accounts." + name + ".token.store=redis needs "
					+ "cluster mode (클러스터 모드), kiwoom.token.store=redis, on the default pair too; this pair keeps "
					+ "its token in this instance's memory");
			return null;
		}
		KiwoomTokenRedisProperties redis = properties.getToken().getRedis();
		return factory.create(credentials, properties.baseUrl(), redis.getKeyPrefix(), redis.getLease());
	}

	@Override
	public String toString() {
		return "KiwoomPair[" + this.name + ", " + this.properties.baseUrl() + "]";
	}

	/**
	 * Kept apart so that Micrometer is only loaded when it is on the class path.
	 */
	private static final class Metrics {

		static boolean isMetrics(AccessTokenListener listener) {
			return listener instanceof KiwoomAuthMetrics;
		}

		static AccessTokenListener forAccount(AccessTokenListener listener, String name) {
			return ((KiwoomAuthMetrics) listener).forAccount(name);
		}

	}

}
