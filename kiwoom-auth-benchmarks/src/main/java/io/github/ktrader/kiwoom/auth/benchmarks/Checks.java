package io.github.ktrader.kiwoom.auth.benchmarks;

/**
 * Set-up checks that a benchmark measures what it claims: a client that sent no token or
 * read half an answer would look fast.
 */
final class Checks {

	private Checks() {
	}

	/**
	 * Check that one call of the given client sends its own Bearer token: the fixed one,
	 * the one the starter issued on loopback, or the one cached in Spring Security.
	 */
	static void sendsToken(CannedResponseRequestFactory requestFactory, String client, Runnable call) {
		String authorization = requestFactory.authorizationSentBy(call);
		String expected = switch (client) {
			case "floor", "plain", "interceptor floor" -> "Bearer fixed-benchmark-token";
			case "Spring Security" -> "Bearer spring-security-token";
			default -> "Bearer loopback-token-";
		};
		state(authorization != null && authorization.startsWith(expected),
				client + " did not send " + expected + "...");
	}

	static void state(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException("Benchmark set-up failed: " + message);
		}
	}

}
