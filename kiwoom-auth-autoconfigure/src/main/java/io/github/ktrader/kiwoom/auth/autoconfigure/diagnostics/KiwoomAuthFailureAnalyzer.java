package io.github.ktrader.kiwoom.auth.autoconfigure.diagnostics;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a {@link KiwoomAuthException} that no retry will fix, when it stops the
 * application from starting (for example an {@code ApplicationRunner} that calls Kiwoom):
 * wrong keys (8001, 8002, 8020), keys of the other environment (8030), or an unregistered
 * IP (8040, 8050). Other kinds are left to Boot's default report.
 */
class KiwoomAuthFailureAnalyzer extends AbstractFailureAnalyzer<KiwoomAuthException> {

	private static final String REAL_HOST = "https://api.kiwoom.com";

	private static final String MOCK_HOST = "https://mockapi.kiwoom.com";

	private final Environment environment;

	KiwoomAuthFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, KiwoomAuthException cause) {
		String host = this.environment.getProperty("kiwoom.host", REAL_HOST);
		return switch (cause.getKind()) {
			case INVALID_CREDENTIALS -> analysis("Kiwoom did not accept the app key (앱키) and secret key (시크릿키)", cause,
					"Copy kiwoom.appkey (앱키) and kiwoom.secretkey (시크릿키) again from Kiwoom's REST API site "
							+ "(키움 REST API, https://openapi.kiwoom.com). They must be the pair issued for " + host
							+ " (kiwoom.host); real trading (실전투자) and mock trading (모의투자) have separate key pairs.");
			case WRONG_ENVIRONMENT -> analysis(
					"The keys belong to the other environment, real trading (실전투자) or mock trading (모의투자), than kiwoom.host "
							+ host,
					cause,
					"Real trading (실전투자) keys work only with kiwoom.host=" + REAL_HOST
							+ " and mock trading (모의투자) keys only with kiwoom.host=" + MOCK_HOST
							+ ". Set kiwoom.host to " + ((host.contains("mockapi")) ? REAL_HOST : MOCK_HOST)
							+ " if these are the keys you meant, or use the key pair issued for " + host + ".");
			case UNREGISTERED_IP -> analysis("Kiwoom refused this machine's IP address", cause,
					"Register this machine's public IP address (공인 IP) for the app key on Kiwoom's REST API site "
							+ "(키움 REST API, https://openapi.kiwoom.com), in its app key management menu (IP 등록), "
							+ "then restart. A token works only from the IP that issued it.");
			default -> null;
		};
	}

	private static FailureAnalysis analysis(String summary, KiwoomAuthException cause, String action) {
		return new FailureAnalysis(summary + ":\n\n    " + cause.getMessage(), action, cause);
	}

}
