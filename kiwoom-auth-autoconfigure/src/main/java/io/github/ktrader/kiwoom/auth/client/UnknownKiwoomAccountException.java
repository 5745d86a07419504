package io.github.ktrader.kiwoom.auth.client;

import java.util.Set;

/**
 * Thrown when the application asks for a Kiwoom key pair that is not configured.
 *
 * @since 0.1.0
 */
public class UnknownKiwoomAccountException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String name;

	/**
	 * Create an exception.
	 * @param name the name asked for
	 * @param known the names that are configured
	 */
	public UnknownKiwoomAccountException(String name, Set<String> known) {
		super("No Kiwoom account named '" + name + "'; configured: " + known + ". Declare it under kiwoom.accounts."
				+ name + " (host, appkey, secretkey)");
		this.name = name;
	}

	/**
	 * Return the name asked for.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

}
