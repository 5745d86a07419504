package io.github.ktrader.kiwoom.auth;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The provider's {@link AccessTokenListener}, told without ever letting it break the
 * token flow. Thread-safe: the listener is a volatile field, and notices run on the
 * calling thread, which must hold no lock, once the outcome they report is installed and
 * shared.
 */
final class ListenerNotices {

	// Logged under the provider's name, the category users configure
	private static final Log logger = LogFactory.getLog(CachingAccessTokenProvider.class);

	private volatile AccessTokenListener listener = AccessTokenListener.NONE;

	void set(AccessTokenListener listener) {
		this.listener = listener;
	}

	AccessTokenListener listener() {
		return this.listener;
	}

	void tellAll(List<Runnable> notices) {
		notices.forEach(this::tell);
	}

	/**
	 * Tell the listener; a failing listener is logged, since the outcome is already
	 * installed and shared.
	 */
	void tell(Runnable notice) {
		try {
			notice.run();
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
				throw ex;
			}
			logger.warn("AccessTokenListener " + this.listener.getClass().getName() + " failed: " + ex);
		}
	}

}
