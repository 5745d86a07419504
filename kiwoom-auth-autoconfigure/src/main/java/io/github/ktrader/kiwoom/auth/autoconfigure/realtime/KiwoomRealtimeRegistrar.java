package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.ktrader.kiwoom.auth.AccessTokenProvider;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;
import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomSchedulerHolder;
import io.github.ktrader.kiwoom.auth.autoconfigure.NamedPairBeans;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSession;
import io.github.ktrader.kiwoom.auth.realtime.ReactiveKiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.cluster.ClusterRealtime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Registers the real-time session of every named key pair
 * ({@code kiwoom.accounts.<name>}) as {@code kiwoomRealtime.<name>}, qualified with the
 * pair's name and no default candidate, like the pair's other beans: a
 * {@link ClusterRealtime} in cluster mode, a {@link RealtimeSession} otherwise.
 */
final class KiwoomRealtimeRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	private static final String PREFIX = "kiwoom.accounts";

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			KiwoomRealtimeRegistrar.class.getClassLoader());

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Environment environment = this.environment;
		Assert.state(environment != null, "No environment");
		Assert.state(registry instanceof ListableBeanFactory, "Registry must be a ListableBeanFactory");
		ListableBeanFactory beanFactory = (ListableBeanFactory) registry;
		for (String name : names(environment)) {
			String sessionBean = "kiwoomRealtime." + name;
			RootBeanDefinition session = isCluster(registry, environment, name)
					? NamedPairBeans.definition(name, ClusterRealtime.class,
							() -> cluster(beanFactory, environment, name))
					: NamedPairBeans.definition(name, RealtimeSession.class,
							() -> session(beanFactory, environment, name));
			session.setDependsOn("kiwoomPair." + name);
			registry.registerBeanDefinition(sessionBean, session);
			if (REACTOR_PRESENT) {
				RootBeanDefinition reactive = NamedPairBeans.definition(name, ReactiveKiwoomRealtime.class,
						() -> new ReactiveKiwoomRealtime(beanFactory.getBean(sessionBean, KiwoomRealtime.class)));
				reactive.setRole(BeanDefinition.ROLE_SUPPORT);
				registry.registerBeanDefinition("reactiveKiwoomRealtime." + name, reactive);
			}
		}
	}

	private static RealtimeSession session(ListableBeanFactory beanFactory, Environment environment, String name) {
		String providerBean = "kiwoomAccessTokenProvider." + name;
		return new RealtimeSession(
				RealtimeSettingsFactory.create(name, PREFIX + "." + name, properties(environment, name)),
				() -> beanFactory.getBean(providerBean, AccessTokenProvider.class),
				beanFactory.getBean("kiwoomRealtimeScheduler", KiwoomSchedulerHolder.class).scheduler(),
				beanFactory.getBean(RealtimeObservers.class).forAccount(name),
				beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::shared));
	}

	/**
	 * Cluster mode for this pair: it shares its token through Redis (it inherits
	 * {@code kiwoom.token.store=redis}, which the cluster factory's presence means,
	 * unless it sets its own), so its instances must share one socket too, or they would
	 * kick each other with {@code R10001}. Read alone, so that a bad pair fails where its
	 * other beans do.
	 */
	private static boolean isCluster(BeanDefinitionRegistry registry, Environment environment, String name) {
		if (!registry.containsBeanDefinition(KiwoomRealtimeClusterAutoConfiguration.CLUSTER_FACTORY)) {
			return false;
		}
		try {
			return Binder.get(environment)
				.bind(PREFIX + "." + name + ".token.store", KiwoomAuthProperties.TokenStore.class)
				.map((store) -> store == KiwoomAuthProperties.TokenStore.REDIS)
				.orElse(true);
		}
		catch (RuntimeException ex) {
			// A bad value: the pair itself fails to start, naming the key
			return true;
		}
	}

	private static ClusterRealtime cluster(ListableBeanFactory beanFactory, Environment environment, String name) {
		KiwoomAuthProperties properties = properties(environment, name);
		String appkey = properties.getAppkey();
		Assert.state(appkey != null, () -> "Kiwoom account '" + name + "' has no appkey");
		String providerBean = "kiwoomAccessTokenProvider." + name;
		return beanFactory.getBean(KiwoomRealtimeClusterAutoConfiguration.CLUSTER_FACTORY, ClusterRealtimeFactory.class)
			.create(name, PREFIX + "." + name, properties, appkey,
					() -> beanFactory.getBean(providerBean, AccessTokenProvider.class));
	}

	/**
	 * A named pair inherits the default pair's settings, as for its tokens. The address
	 * is inherited only with the host: a pair on another host (the mock one, say) that
	 * does not set its own address gets its host's, never the default pair's socket.
	 */
	static KiwoomAuthProperties properties(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		KiwoomAuthProperties settings = binder.bind("kiwoom", KiwoomAuthProperties.class)
			.orElseGet(KiwoomAuthProperties::new);
		String baseHost = settings.baseUrl();
		String prefix = PREFIX + "." + name;
		binder.bind(prefix, Bindable.ofInstance(settings));
		boolean ownUrl = binder.bind(prefix + ".realtime.url", String.class).isBound();
		if (!ownUrl && !baseHost.equalsIgnoreCase(settings.baseUrl())) {
			settings.getRealtime().setUrl(null);
		}
		return settings;
	}

	private static Set<String> names(Environment environment) {
		return Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, KiwoomAuthProperties.class))
			.map((accounts) -> (Set<String>) new LinkedHashSet<>(accounts.keySet()))
			.orElse(Collections.emptySet());
	}

	@Override
	public String toString() {
		return "KiwoomRealtimeRegistrar";
	}

}
