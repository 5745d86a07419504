package io.github.ktrader.kiwoom.auth.client;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.ktrader.kiwoom.auth.KiwoomException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Walks a continuous query (연속조회) page by page with any call that fetches one page, such
 * as an HTTP service interface method returning {@link KiwoomPage}: <pre class="code">
 * KiwoomPages.stream(null, 10, (nextKey) -&gt; chartApi.dailyChart(request, nextKey))
 *     .forEach((page) -&gt; save(page.body()));
 * </pre> A failed page raises {@link KiwoomPagingException} with the pages read and the
 * {@code next-key} to resume from; passing that key as {@code nextKey} resumes the walk
 * where it stopped.
 *
 * @since 0.1.0
 * @see KiwoomClient#postPages(String, String, Object, Class, String, int)
 */
public final class KiwoomPages {

	private KiwoomPages() {
	}

	/**
	 * Walk the pages lazily: each page is one call, made when the stream reaches it, and
	 * the walk ends after the page that says {@code cont-yn: N} or after
	 * {@code maxPages}.
	 * @param <T> the answer type
	 * @param nextKey the {@code next-key} to start from, such as
	 * {@link KiwoomPagingException#resumeKey()}, or {@code null} for the first page
	 * @param maxPages the most pages to ask for
	 * @param fetchPage fetches the page for a {@code next-key}, or the first page for
	 * {@code null}
	 * @return the pages
	 * @throws KiwoomPagingException from the stream, for the page that failed with a
	 * {@link KiwoomException}
	 */
	public static <T> Stream<KiwoomPage<T>> stream(@Nullable String nextKey, int maxPages,
			Function<@Nullable String, KiwoomPage<T>> fetchPage) {
		Assert.isTrue(maxPages > 0, "MaxPages must be positive");
		Assert.notNull(fetchPage, "FetchPage must not be null");
		Walk walk = new Walk(nextKey);
		Spliterator<KiwoomPage<T>> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
				Spliterator.ORDERED | Spliterator.NONNULL) {

			@Override
			public boolean tryAdvance(Consumer<? super KiwoomPage<T>> action) {
				if (walk.isOver(maxPages)) {
					return false;
				}
				KiwoomPage<T> page;
				try {
					page = fetchPage.apply(walk.key());
				}
				catch (KiwoomPagingException ex) {
					throw ex;
				}
				catch (KiwoomException ex) {
					throw walk.failure(ex);
				}
				walk.read(page);
				action.accept(page);
				return true;
			}

		};
		return StreamSupport.stream(pages, false);
	}

	/**
	 * Where a walk stands: the key of the next page and the pages read. Confined to one
	 * walk; a reactive walk touches it from one inner call at a time.
	 */
	static final class Walk {

		private @Nullable String key;

		private int read;

		private boolean last;

		Walk(@Nullable String startKey) {
			this.key = StringUtils.hasText(startKey) ? startKey : null;
		}

		@Nullable String key() {
			return this.key;
		}

		boolean isOver(int maxPages) {
			return this.last || this.read >= maxPages;
		}

		void read(KiwoomPage<?> page) {
			this.read++;
			this.last = !page.hasNext();
			this.key = page.nextKey();
		}

		KiwoomPagingException failure(KiwoomException failure) {
			return new KiwoomPagingException(failure, this.read, this.key);
		}

	}

}
