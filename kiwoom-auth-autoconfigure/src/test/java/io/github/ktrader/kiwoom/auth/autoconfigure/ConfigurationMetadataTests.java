package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata that the build generates for {@code kiwoom.*}.
 */
class ConfigurationMetadataTests {

	private final Map<String, JsonNode> properties = new HashMap<>();

	private final List<JsonNode> hints = new ArrayList<>();

	@BeforeEach
	void readMetadata() throws IOException {
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode metadata = JsonMapper.shared().readTree(in);
				for (JsonNode property : metadata.path("properties")) {
					if (property.path("name").asString().startsWith("kiwoom.")) {
						this.properties.put(property.path("name").asString(), property);
					}
				}
				for (JsonNode hint : metadata.path("hints")) {
					if (hint.path("name").asString().startsWith("kiwoom.")) {
						this.hints.add(hint);
					}
				}
			}
		}
	}

	@Test
	void describesEveryKey() {
		assertThat(this.properties).containsOnlyKeys("kiwoom.host", "kiwoom.appkey", "kiwoom.secretkey",
				"kiwoom.connect-timeout", "kiwoom.read-timeout", "kiwoom.max-response-size",
				"kiwoom.token.renew-before", "kiwoom.token.renew-jitter", "kiwoom.token.revoke-on-shutdown",
				"kiwoom.token.revoke-timeout", "kiwoom.token.failure-cooldown",
				"kiwoom.token.transient-failure-cooldown", "kiwoom.token.young-token-age",
				"kiwoom.token.rejection-storm-interval", "kiwoom.token.ip-mismatch-window", "kiwoom.token.store",
				"kiwoom.token.redis.key-prefix", "kiwoom.token.redis.lease", "kiwoom.http-service.group",
				"kiwoom.problem-details.enabled", "kiwoom.accounts", "kiwoom.realtime.url",
				"kiwoom.realtime.login-timeout", "kiwoom.realtime.idle-timeout", "kiwoom.realtime.kicked-backoff",
				"kiwoom.realtime.queue-capacity", "kiwoom.realtime.close-timeout",
				"kiwoom.realtime.reconnect.initial-interval", "kiwoom.realtime.reconnect.multiplier",
				"kiwoom.realtime.reconnect.max-interval", "kiwoom.realtime.reconnect.jitter",
				"kiwoom.rate-limit.per-api.rate", "kiwoom.rate-limit.per-api.burst", "kiwoom.rate-limit.apis",
				"kiwoom.rate-limit.total.rate", "kiwoom.rate-limit.total.burst", "kiwoom.rate-limit.max-wait",
				"kiwoom.rate-limit.retries", "kiwoom.rate-limit.resend-orders", "kiwoom.rate-limit.order-api-ids",
				"kiwoom.rate-limit.order-paths");
		assertThat(this.properties.values())
			.allSatisfy((property) -> assertThat(property.path("description").asString()).as(property.toString())
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A "));
	}

	@Test
	void showsTheDefaults() {
		assertThat(defaultOf("kiwoom.host")).isEqualTo("https://api.kiwoom.com");
		assertThat(defaultOf("kiwoom.connect-timeout")).isEqualTo("5s");
		assertThat(defaultOf("kiwoom.read-timeout")).isEqualTo("10s");
		assertThat(defaultOf("kiwoom.max-response-size")).isEqualTo("4MB");
		assertThat(defaultOf("kiwoom.token.renew-before")).isEqualTo("10m");
		assertThat(defaultOf("kiwoom.token.renew-jitter")).isEqualTo("30s");
		assertThat(defaultOf("kiwoom.token.revoke-on-shutdown")).isEqualTo("true");
		assertThat(defaultOf("kiwoom.token.revoke-timeout")).isEqualTo("5s");
		assertThat(defaultOf("kiwoom.token.failure-cooldown")).isEqualTo("60s");
		assertThat(defaultOf("kiwoom.token.transient-failure-cooldown")).isEqualTo("5s");
		assertThat(defaultOf("kiwoom.token.young-token-age")).isEqualTo("2s");
		assertThat(defaultOf("kiwoom.token.rejection-storm-interval")).isEqualTo("30s");
		assertThat(defaultOf("kiwoom.token.ip-mismatch-window")).isEqualTo("10m");
		assertThat(defaultOf("kiwoom.http-service.group")).isEqualTo("kiwoom");
		assertThat(defaultOf("kiwoom.problem-details.enabled")).isEqualTo("true");
		assertThat(this.properties.get("kiwoom.appkey").has("defaultValue")).isFalse();
		assertThat(this.properties.get("kiwoom.secretkey").has("defaultValue")).isFalse();
	}

	@Test
	void showsTheRateLimitDefaults() {
		assertThat(defaultOf("kiwoom.rate-limit.per-api.rate")).isEqualTo("1");
		assertThat(defaultOf("kiwoom.rate-limit.per-api.burst")).isEqualTo("1");
		assertThat(defaultOf("kiwoom.rate-limit.total.rate")).isEqualTo("20");
		assertThat(defaultOf("kiwoom.rate-limit.total.burst")).isEqualTo("20");
		assertThat(defaultOf("kiwoom.rate-limit.max-wait")).isEqualTo("10s");
		assertThat(defaultOf("kiwoom.rate-limit.retries")).isEqualTo("2");
		assertThat(defaultOf("kiwoom.rate-limit.resend-orders")).isEqualTo("false");
	}

	@Test
	void showsTheClusterModeDefaults() {
		assertThat(defaultOf("kiwoom.token.store")).isEqualTo("memory");
		assertThat(defaultOf("kiwoom.token.redis.key-prefix")).isEqualTo("kiwoom:auth");
		assertThat(defaultOf("kiwoom.token.redis.lease")).isEqualTo("30s");
	}

	@Test
	void describesTheNamedKeyPairs() {
		JsonNode accounts = this.properties.get("kiwoom.accounts");
		assertThat(accounts.path("type").asString()).startsWith("java.util.Map<java.lang.String,")
			.endsWith("KiwoomAuthProperties>");
		assertThat(accounts.path("description").asString()).contains("appkey", "secretkey", "http-service-group",
				"inherits");
	}

	@Test
	void offersTheRealAndMockHostsAsHints() {
		assertThat(this.hints).singleElement().satisfies((hint) -> {
			assertThat(hint.path("name").asString()).isEqualTo("kiwoom.host");
			assertThat(hint.path("values").valueStream().map((value) -> value.path("value").asString()))
				.containsExactly("https://api.kiwoom.com", "https://mockapi.kiwoom.com");
			assertThat(hint.path("values").valueStream().map((value) -> value.path("description").asString()))
				.allSatisfy((description) -> assertThat(description).isNotBlank());
		});
	}

	private String defaultOf(String name) {
		return this.properties.get(name).path("defaultValue").asString();
	}

}
