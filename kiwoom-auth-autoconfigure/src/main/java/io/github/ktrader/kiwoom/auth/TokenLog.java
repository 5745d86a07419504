package io.github.ktrader.kiwoom.auth;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The log lines of one provider, each ending with the key pair it serves
 * ({@code (account 'mock')}, {@code (account 'default')} for the default pair), so that
 * with several pairs an operator can tell whose token a line is about. Each category
 * keeps its own logger; the pair's name is shared by all of a provider's categories.
 */
final class TokenLog {

	private final Log logger;

	private final AtomicReference<String> account;

	TokenLog(Class<?> category) {
		this(LogFactory.getLog(category), new AtomicReference<>("default"));
	}

	private TokenLog(Log logger, AtomicReference<String> account) {
		this.logger = logger;
		this.account = account;
	}

	/**
	 * Return a log for another category that names the same key pair.
	 */
	TokenLog forCategory(Class<?> category) {
		return new TokenLog(LogFactory.getLog(category), this.account);
	}

	void setAccount(String account) {
		Assert.hasText(account, "Account must not be empty");
		this.account.set(account);
	}

	String account() {
		return this.account.get();
	}

	boolean isDebugEnabled() {
		return this.logger.isDebugEnabled();
	}

	void debug(String message) {
		if (this.logger.isDebugEnabled()) {
			this.logger.debug(named(message));
		}
	}

	void info(String message) {
		if (this.logger.isInfoEnabled()) {
			this.logger.info(named(message));
		}
	}

	void warn(String message) {
		this.logger.warn(named(message));
	}

	private String named(String message) {
		return message + " (account '" + this.account.get() + "')";
	}

}
