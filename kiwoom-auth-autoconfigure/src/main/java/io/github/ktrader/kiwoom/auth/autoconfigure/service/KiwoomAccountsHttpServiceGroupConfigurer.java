package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.client.KiwoomAccount;
import io.github.ktrader.kiwoom.auth.client.KiwoomAccounts;
import io.github.ktrader.kiwoom.auth.event.KiwoomTokenEventPublisher;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Binds an HTTP service group to each named key pair that names one
 * ({@code kiwoom.accounts.<name>.http-service-group}): its clients get that pair's host
 * and token, exactly as {@code kiwoom.http-service.group} gets the default pair's.
 */
final class KiwoomAccountsHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final List<KiwoomHttpServiceGroupConfigurer> configurers;

	private KiwoomAccountsHttpServiceGroupConfigurer(List<KiwoomHttpServiceGroupConfigurer> configurers) {
		this.configurers = configurers;
	}

	static KiwoomAccountsHttpServiceGroupConfigurer of(KiwoomAccounts accounts, Environment environment,
			String defaultGroup, KiwoomHttpServiceGroupConfigurer.GroupSettings settings,
			KiwoomHttpServiceGroupConfigurer.GroupRequestFactory requestFactory) {
		Binder binder = Binder.get(environment);
		Map<String, String> pairByGroup = new LinkedHashMap<>();
		pairByGroup.put(defaultGroup, "kiwoom.http-service.group");
		List<KiwoomHttpServiceGroupConfigurer> configurers = new ArrayList<>();
		for (String name : accounts.names()) {
			if (KiwoomTokenEventPublisher.DEFAULT_ACCOUNT.equals(name)) {
				continue;
			}
			String key = "kiwoom.accounts." + name + ".http-service-group";
			String group = binder.bind(key, String.class).orElse(null);
			if (group == null) {
				continue;
			}
			String taken = pairByGroup.putIfAbsent(group, key);
			if (taken != null) {
				throw new InvalidConfigurationPropertyValueException(key, group, "HTTP service group '" + group
						+ "' is already bound by " + taken + "; each group calls one key pair.");
			}
			KiwoomAccount account = accounts.get(name);
			configurers.add(new KiwoomHttpServiceGroupConfigurer(group, account.host(), account.restClientConfigurer(),
					settings, requestFactory));
		}
		return new KiwoomAccountsHttpServiceGroupConfigurer(configurers);
	}

	@Override
	public int getOrder() {
		return KiwoomHttpServiceGroupConfigurer.ORDER;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		this.configurers.forEach((configurer) -> configurer.configureGroups(groups));
	}

}
