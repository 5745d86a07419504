package io.github.ktrader.kiwoom.auth.benchmarks;

/**
 * Set-up checks that a benchmark measures what it claims: a client that sent no token or
 * read half an answer would look fast.
 */
final class Checks {

	private Checks() {
	}

	/**
	 * Check that one call of the given client sends a Bearer token.
	 */
	static void sendsToken(CannedResponseRequestFactory requestFactory, String client, Runnable call) {
		String authorization = requestFactory.authorizationSentBy(call);
		state(authorization != null && authorization.startsWith("Bearer "), client + " sent no Bearer token");
	}

	static void state(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException("Benchmark set-up failed: " + message);
		}
	}

}
