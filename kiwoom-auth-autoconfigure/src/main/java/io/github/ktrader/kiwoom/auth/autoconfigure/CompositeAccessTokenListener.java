package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.AccessTokenListener;
import io.github.ktrader.kiwoom.auth.IssueReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every {@link AccessTokenListener} bean, in order; a listener that throws is
 * logged and never breaks the token flow or shutdown.
 */
final class CompositeAccessTokenListener implements AccessTokenListener {

	private static final Log logger = LogFactory.getLog(CompositeAccessTokenListener.class);

	private final List<AccessTokenListener> listeners;

	CompositeAccessTokenListener(List<AccessTokenListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void issued(AccessToken token, IssueReason reason, Duration elapsed) {
		each((listener) -> listener.issued(token, reason, elapsed));
	}

	@Override
	public void issueFailed(RuntimeException failure, IssueReason reason, Duration elapsed) {
		each((listener) -> listener.issueFailed(failure, reason, elapsed));
	}

	@Override
	public void rejected(AccessToken token) {
		each((listener) -> listener.rejected(token));
	}

	@Override
	public void rejectedYoung(AccessToken token, Duration age) {
		each((listener) -> listener.rejectedYoung(token, age));
	}

	@Override
	public void revoked(AccessToken token, Duration elapsed) {
		each((listener) -> listener.revoked(token, elapsed));
	}

	@Override
	public void revokeFailed(AccessToken token, Throwable failure, Duration elapsed) {
		each((listener) -> listener.revokeFailed(token, failure, elapsed));
	}

	private void each(Consumer<AccessTokenListener> call) {
		for (AccessTokenListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("AccessTokenListener " + listener.getClass().getName() + " failed: " + ex);
			}
		}
	}

}
