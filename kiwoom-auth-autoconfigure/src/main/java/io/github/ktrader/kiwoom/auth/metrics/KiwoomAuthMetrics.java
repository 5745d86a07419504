package io.github.ktrader.kiwoom.auth.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * {@link AccessTokenListener} that times au10001 and au10002 and counts rejected tokens
 * in a Micrometer {@link MeterRegistry}.
 * <p>
 * Meters and their tags, all of low cardinality and none carrying a key or a token:
 * <ul>
 * <li>{@value #ISSUE} (timer): {@code outcome}, {@code reason} ({@code first_use},
 * {@code renewal}, {@code rejected}, {@code expired});</li>
 * <li>{@value #REVOKE} (timer): {@code outcome};</li>
 * <li>{@value #REJECTED} (counter): re-issues caused by Kiwoom rejecting the cached token
 * (8005, 8010, 8031, 8103, HTTP 401);</li>
 * <li>{@value #REJECTED_YOUNG} (counter): tokens rejected within seconds of their issue,
 * a sign that another process uses the same app key.</li>
 * </ul>
 * {@code outcome} is {@code success}, the lower-case
 * {@link io.github.ktrader.kiwoom.auth.KiwoomErrorKind KiwoomErrorKind} of a failure
 * (such as {@code invalid_credentials}, {@code wrong_environment},
 * {@code unregistered_ip}, {@code rate_limited}, {@code server_error}, {@code io_error},
 * {@code malformed_response}), {@code timeout} for a revoke that did not finish within
 * its timeout, or {@code error}.
 *
 * @since 0.1.0
 */
public final class KiwoomAuthMetrics implements AccessTokenListener {

	/**
	 * Name of the au10001 timer.
	 */
	public static final String ISSUE = "kiwoom.auth.issue";

	/**
	 * Name of the au10002 timer. The revoke runs while the context closes, after Boot has
	 * closed its own registries (push registries publish for the last time then), so
	 * usually only a registry that outlives the context sees it; alert on
	 * {@code KiwoomTokenRevokeFailedEvent} or the warning in the log instead.
	 */
	public static final String REVOKE = "kiwoom.auth.revoke";

	/**
	 * Name of the counter of re-issues caused by rejected tokens.
	 */
	public static final String REJECTED = "kiwoom.auth.token.rejected";

	/**
	 * Name of the counter of tokens rejected within seconds of their issue.
	 */
	public static final String REJECTED_YOUNG = "kiwoom.auth.token.rejected.young";

	/**
	 * Tag naming the key pair: {@code default}, or its name under
	 * {@code kiwoom.accounts}.
	 */
	public static final String ACCOUNT = "account";

	private static final String SUCCESS = "success";

	private final MeterRegistry registry;

	private final String account;

	private final Counter rejected;

	private final Counter rejectedYoung;

	/**
	 * Create the meters in the given registry.
	 * @param registry the registry
	 */
	public KiwoomAuthMetrics(MeterRegistry registry) {
		this(registry, "default");
	}

	/**
	 * Create the meters of one key pair, tagged {@code account} with its name.
	 * @param registry the registry
	 * @param account the pair's name: {@code default}, or its name under
	 * {@code kiwoom.accounts}
	 */
	public KiwoomAuthMetrics(MeterRegistry registry, String account) {
		Assert.notNull(registry, "Registry must not be null");
		Assert.hasText(account, "Account must not be empty");
		this.registry = registry;
		this.account = account;
		// Registered up front, so that an alert on its rate sees zero rather than
		// nothing.
		this.rejected = Counter.builder(REJECTED)
			.description("Kiwoom access tokens rejected by Kiwoom and re-issued")
			.tag(ACCOUNT, account)
			.register(registry);
		this.rejectedYoung = Counter.builder(REJECTED_YOUNG)
			.description("Kiwoom access tokens rejected within seconds of their issue: another process on the same key")
			.tag(ACCOUNT, account)
			.register(registry);
	}

	/**
	 * Return the meters of another key pair in the same registry.
	 * @param account the pair's name
	 * @return meters tagged with that name
	 */
	public KiwoomAuthMetrics forAccount(String account) {
		return new KiwoomAuthMetrics(this.registry, account);
	}

	@Override
	public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
		issueTimer(SUCCESS, reason).record(elapsed);
	}

	@Override
	public void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
		issueTimer(outcome(failure), reason).record(elapsed);
	}

	@Override
	public void rejected(AccessToken token) {
		this.rejected.increment();
	}

	@Override
	public void rejectedYoung(AccessToken token, Duration age) {
		this.rejectedYoung.increment();
	}

	@Override
	public void revoked(AccessToken token, Duration elapsed) {
		revokeTimer(SUCCESS).record(elapsed);
	}

	@Override
	public void revokeFailed(AccessToken token, Throwable failure, Duration elapsed) {
		revokeTimer(outcome(failure)).record(elapsed);
	}

	private Timer issueTimer(String outcome, IssueReason reason) {
		return Timer.builder(ISSUE)
			.description("Kiwoom au10001 calls that issue an access token, retries included")
			.tag(ACCOUNT, this.account)
			.tag("outcome", outcome)
			.tag("reason", reason.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	private Timer revokeTimer(String outcome) {
		return Timer.builder(REVOKE)
			.description("Kiwoom au10002 calls that revoke an access token")
			.tag(ACCOUNT, this.account)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	/**
	 * Return the {@code outcome} tag for a failure.
	 * @param failure the failure
	 * @return a value from a small fixed set
	 */
	static String outcome(Throwable failure) {
		if (failure instanceof KiwoomAuthException kiwoom) {
			return kiwoom.getKind().name().toLowerCase(Locale.ROOT);
		}
		return (failure instanceof TimeoutException) ? "timeout" : "error";
	}

}
