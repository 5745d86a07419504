package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.Secrets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one INFO line when the first token is issued, naming the Kiwoom environment (real
 * or mock trading, or another host) and the masked app key, so that an operator sees at a
 * glance that production runs on real keys. Later issues log nothing here.
 */
final class KiwoomEnvironmentLogger implements AccessTokenListener {

	private static final Log logger = LogFactory.getLog(KiwoomEnvironmentLogger.class);

	private final String environment;

	private final String maskedAppkey;

	private final String account;

	private final AtomicBoolean logged = new AtomicBoolean();

	/**
	 * Create a logger.
	 * @param host the Kiwoom host the tokens are issued by
	 * @param appkey the app key they are issued for, logged only masked
	 */
	KiwoomEnvironmentLogger(String host, String appkey) {
		this(host, appkey, "default");
	}

	/**
	 * Create a logger for one key pair.
	 * @param host the Kiwoom host the tokens are issued by
	 * @param appkey the app key they are issued for, logged only masked
	 * @param account the pair's name, named in the line
	 */
	KiwoomEnvironmentLogger(String host, String appkey, String account) {
		this.environment = describe(host);
		this.maskedAppkey = Secrets.mask(appkey);
		// The default pair's line reads as it did before there were named pairs
		this.account = "default".equals(account) ? "" : " for account '" + account + "'";
	}

	@Override
	public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
		if (this.logged.compareAndSet(false, true)) {
			logger.info("Kiwoom access token issued" + this.account + " " + this.environment + " with appkey "
					+ this.maskedAppkey);
		}
	}

	private static String describe(String host) {
		String name = hostName(host);
		if ("api.kiwoom.com".equals(name)) {
			return "on 실전투자 (real trading, " + host + ")";
		}
		if ("mockapi.kiwoom.com".equals(name)) {
			return "on 모의투자 (mock trading, " + host + ")";
		}
		return "on another host than real or mock trading (" + host + ")";
	}

	private static String hostName(String host) {
		try {
			String name = URI.create(host.trim()).getHost();
			return (name != null) ? name.toLowerCase(Locale.ROOT) : "";
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
