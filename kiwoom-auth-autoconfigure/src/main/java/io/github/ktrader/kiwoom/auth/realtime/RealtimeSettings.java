package io.github.ktrader.kiwoom.auth.realtime;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;

/**
 * Settings of one key pair's real-time session.
 *
 * @param account the key pair's name
 * @param url the socket's address, or {@code null} when the pair has none
 * @param urlProperty the property that sets the address, named when it is missing
 * @param host the pair's REST host, named when the address is missing
 * @param connectTimeout how long the opening handshake may take
 * @param loginTimeout how long to wait for the answer to LOGIN
 * @param idleTimeout how long the socket may stay silent before it is replaced
 * @param kickedBackoff how long to wait after another session took the key's socket
 * @param reconnectBackOff delays between attempts to connect again
 * @param queueCapacity how many events each subscription holds for its listener
 * @param maxFrameSize the largest frame read, in characters
 * @param closeTimeout how long closing the socket may take at shutdown
 * @since 0.1.0
 */
public record RealtimeSettings(String account, @Nullable URI url, String urlProperty, String host,
		Duration connectTimeout, Duration loginTimeout, Duration idleTimeout, Duration kickedBackoff,
		BackOff reconnectBackOff, int queueCapacity, int maxFrameSize, Duration closeTimeout) {

	/**
	 * Check the settings.
	 */
	public RealtimeSettings {
		Assert.hasText(account, "Account must not be empty");
		Assert.isTrue(queueCapacity > 0, "Queue capacity must be positive");
		Assert.isTrue(maxFrameSize > 0, "Max frame size must be positive");
	}

}
