package io.github.ktrader.kiwoom.auth.client;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import org.jspecify.annotations.Nullable;

/**
 * A page of a continuous query (연속조회) failed: carries how many pages were read before it
 * and the {@code next-key} to resume from, so that a walk need not start over. The page's
 * own failure is the {@linkplain #getCause() cause}; kind, TR id and Kiwoom's answer are
 * copied from it. <pre class="code">
 * catch (KiwoomPagingException ex) {
 *     kiwoomClient.postPages("ka10081", "/api/dostk/chart", request, DailyChart.class, ex.resumeKey(), 10)
 *         .forEach(this::save);
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see KiwoomPages
 */
public class KiwoomPagingException extends KiwoomApiException {

	private static final long serialVersionUID = 1L;

	private final int pagesRead;

	private final @Nullable String resumeKey;

	/**
	 * Create an exception for a failed page.
	 * @param failure the failure of the page
	 * @param pagesRead the pages read by this walk before the failed one
	 * @param resumeKey the {@code next-key} the failed page was asked for with, or
	 * {@code null} if it was the first page of the query
	 */
	public KiwoomPagingException(KiwoomException failure, int pagesRead, @Nullable String resumeKey) {
		super(failure.getKind(), failure.getApiId(), failure.getStatus(), message(failure, pagesRead, resumeKey),
				failure, failure.getRetryAfter());
		this.pagesRead = pagesRead;
		this.resumeKey = resumeKey;
	}

	private static String message(KiwoomException failure, int pagesRead, @Nullable String resumeKey) {
		String resume = (resumeKey != null) ? "resume with next-key '" + resumeKey + "'"
				: "no next-key reached, start over";
		return "Page " + (pagesRead + 1) + " of a continuous query (연속조회) failed after " + pagesRead + " page(s) read ("
				+ resume + "): " + failure.getMessage();
	}

	/**
	 * Return how many pages the walk read, and handed on, before the failed one.
	 * @return the pages read, {@code 0} if the walk's first page failed
	 */
	public int pagesRead() {
		return this.pagesRead;
	}

	/**
	 * Return the {@code next-key} to resume from: the one the failed page was asked for
	 * with. Asking with it again fetches the failed page and those after it, never the
	 * pages already read.
	 * @return the key, or {@code null} if the query's first page failed and the walk must
	 * start over
	 */
	public @Nullable String resumeKey() {
		return this.resumeKey;
	}

}
