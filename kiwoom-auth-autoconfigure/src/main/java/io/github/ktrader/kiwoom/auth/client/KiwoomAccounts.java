package io.github.ktrader.kiwoom.auth.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The application's Kiwoom key pairs by name: {@code default} for {@code kiwoom.*} and
 * one per entry of {@code kiwoom.accounts}.
 *
 * @since 0.1.0
 */
public final class KiwoomAccounts {

	private final Map<String, KiwoomAccount> accounts;

	/**
	 * Create the accounts.
	 * @param accounts the pairs, the default one first
	 */
	public KiwoomAccounts(Iterable<KiwoomAccount> accounts) {
		Assert.notNull(accounts, "Accounts must not be null");
		Map<String, KiwoomAccount> byName = new LinkedHashMap<>();
		for (KiwoomAccount account : accounts) {
			Assert.isTrue(byName.put(account.name(), account) == null,
					() -> "Kiwoom account '" + account.name() + "' is declared twice");
		}
		this.accounts = Collections.unmodifiableMap(byName);
	}

	/**
	 * Return the pair of the given name.
	 * @param name {@code default}, or a name under {@code kiwoom.accounts}
	 * @return the pair
	 * @throws UnknownKiwoomAccountException if there is no pair of that name
	 */
	public KiwoomAccount get(String name) {
		KiwoomAccount account = this.accounts.get(name);
		if (account == null) {
			throw new UnknownKiwoomAccountException(name, names());
		}
		return account;
	}

	/**
	 * Return the names of the pairs, the default one first.
	 * @return the names
	 */
	public Set<String> names() {
		return this.accounts.keySet();
	}

	@Override
	public String toString() {
		return "KiwoomAccounts" + names();
	}

}
