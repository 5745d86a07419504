package io.github.ktrader.kiwoom.auth.autoconfigure.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Kiwoom calls through HTTP service interfaces.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("kiwoom.http-service")
public class KiwoomHttpServiceProperties {

	/**
	 * Name of the HTTP service group (@ImportHttpServices(group = ...)) whose clients get
	 * Kiwoom's base URL, JSON and Bearer token. Other groups get no token.
	 */
	private String group = "kiwoom";

	public String getGroup() {
		return this.group;
	}

	public void setGroup(String group) {
		this.group = group;
	}

}
