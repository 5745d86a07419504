package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one spelling of a configured {@code kiwoom.host}: scheme and host in lower case,
 * the scheme's default port dropped, no trailing slash. A token belongs to (host,
 * appkey), so {@code https://api.kiwoom.com}, {@code https://api.kiwoom.com:443/} and
 * {@code HTTPS://API.KIWOOM.COM} must name the same token everywhere: the cluster's Redis
 * keys, the key its cipher derives, and the check that two pairs share no key.
 */
final class KiwoomHost {

	private KiwoomHost() {
	}

	/**
	 * Return the host in its one spelling; a value that is no absolute URL comes back
	 * only trimmed, for the validator to report.
	 * @param host the configured host
	 * @return the normalised host
	 */
	static String normalize(String host) {
		String trimmed = host.trim();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		try {
			URI uri = new URI(trimmed);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return trimmed;
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
					|| ("http".equals(scheme) && port == 80);
			String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
		}
		catch (URISyntaxException ex) {
			return trimmed;
		}
	}

}
