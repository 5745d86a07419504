package io.github.ktrader.kiwoom.auth.test;

/**
 * How the simulator answers an au10001 issue for a key that already holds a valid token.
 * <p>
 * Field reports disagree on what Kiwoom does, so a client must be correct under each of
 * these.
 *
 * @since 0.1.0
 * @see KiwoomSimulator#reissueBehavior(ReissueBehavior)
 */
public enum ReissueBehavior {

	/**
	 * A new token is issued; earlier tokens keep working until they expire.
	 */
	FRESH,

	/**
	 * The current token comes back again, with its original {@code expires_dt}.
	 */
	SAME_TOKEN,

	/**
	 * A new token is issued and every earlier token of the key answers 8005 from then on.
	 */
	FRESH_KILLS_OLD

}
