package io.github.ktrader.kiwoom.auth.observation;

import java.util.Locale;
import java.util.function.Supplier;

import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Names and key values of the observations of au10001 and au10002.
 * <p>
 * Both carry three low-cardinality keys and nothing else, so no key, secret or token can
 * reach a span or a meter:
 * <ul>
 * <li>{@code account}: {@code default} for the {@code kiwoom.*} key pair, else the name
 * of the pair under {@code kiwoom.accounts}, as on the starter's meters;</li>
 * <li>{@code outcome}: {@code success} or {@code failure};</li>
 * <li>{@code reason}: {@code none} on success, else the lower-case
 * {@link io.github.ktrader.kiwoom.auth.KiwoomErrorKind KiwoomErrorKind} of the failure
 * (such as {@code invalid_credentials}, {@code rate_limited}, {@code io_error}), or
 * {@code error} for a failure that is not a {@link KiwoomAuthException}.</li>
 * </ul>
 * The names differ from the {@code kiwoom.auth.issue} and {@code kiwoom.auth.revoke}
 * timers, which keep theirs: a meter handler that turns these observations into timers
 * must not clash with them.
 *
 * @since 0.1.0
 */
public final class KiwoomObservations {

	/**
	 * Name of the au10001 observation.
	 */
	public static final String ISSUE = "kiwoom.auth.token.issue";

	/**
	 * Name of the au10002 observation.
	 */
	public static final String REVOKE = "kiwoom.auth.token.revoke";

	/**
	 * Key of the outcome.
	 */
	public static final String OUTCOME = "outcome";

	/**
	 * Key of the reason for a failure.
	 */
	public static final String REASON = "reason";

	/**
	 * Key of the key pair: {@code default}, or the name under {@code kiwoom.accounts}.
	 */
	public static final String ACCOUNT = "account";

	private KiwoomObservations() {
	}

	static <T> T observe(String name, String contextualName, String account, Supplier<ObservationRegistry> registry,
			Supplier<T> call) {
		Observation observation = Observation.createNotStarted(name, registry.get())
			.contextualName(contextualName)
			.lowCardinalityKeyValue(ACCOUNT, account)
			.lowCardinalityKeyValue(OUTCOME, "success")
			.lowCardinalityKeyValue(REASON, "none")
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return call.get();
		}
		catch (RuntimeException ex) {
			observation.lowCardinalityKeyValue(OUTCOME, "failure").lowCardinalityKeyValue(REASON, reason(ex)).error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	static String reason(Throwable failure) {
		if (failure instanceof KiwoomAuthException kiwoom) {
			return kiwoom.getKind().name().toLowerCase(Locale.ROOT);
		}
		return "error";
	}

}
