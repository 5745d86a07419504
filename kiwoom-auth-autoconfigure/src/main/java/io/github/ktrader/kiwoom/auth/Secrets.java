package io.github.ktrader.kiwoom.auth;

import org.jspecify.annotations.Nullable;

/**
 * Masks app keys, secret keys and tokens so that they can appear in logs and messages.
 *
 * @since 0.1.0
 */
public final class Secrets {

	private static final int SHOWN = 4;

	private static final int SHOWN_FROM_LENGTH = 12;

	private Secrets() {
	}

	/**
	 * Return the first four characters of a long secret followed by {@code ****}, or only
	 * {@code ****} when the secret is short enough that four characters would give too
	 * much away.
	 * @param secret the secret to mask
	 * @return the masked form, never the secret itself
	 */
	public static String mask(@Nullable String secret) {
		if (secret == null || secret.length() < SHOWN_FROM_LENGTH) {
			return "****";
		}
		return secret.substring(0, SHOWN) + "****";
	}

}
