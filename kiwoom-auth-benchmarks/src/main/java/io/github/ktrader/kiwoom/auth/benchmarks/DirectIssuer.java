package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.test.KiwoomSimulator;

/**
 * au10001 on the simulator over a bare JDK client, for a benchmark that publishes a real
 * token itself instead of through an instance's renewal.
 */
final class DirectIssuer {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern EXPIRES = Pattern.compile("\"expires_dt\"\\s*:\\s*\"([0-9]{14})\"");

	private static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private static final ZoneId KST = ZoneId.of("Asia/Seoul");

	private DirectIssuer() {
	}

	static AccessToken issue(HttpClient http, KiwoomSimulator kiwoom) {
		String body = "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + kiwoom.appkey() + "\",\"secretkey\":\""
				+ kiwoom.secretkey() + "\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(kiwoom.url() + "/oauth2/token"))
			.header("content-type", "application/json;charset=UTF-8")
			.header("api-id", "au10001")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			String answer = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			Matcher token = TOKEN.matcher(answer);
			Matcher expires = EXPIRES.matcher(answer);
			Checks.state(token.find() && expires.find(), "the simulator issued no token");
			// A later expiry than the shared token's, or the store keeps that one
			Instant expiresAt = LocalDateTime.parse(expires.group(1), EXPIRES_FORMAT).atZone(KST).toInstant();
			return new AccessToken(token.group(1), expiresAt);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
