package io.github.ktrader.kiwoom.auth.client;

import java.util.ArrayList;
import java.util.List;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomReactivePages}: one page call per page the subscriber asks for.
 */
class KiwoomReactivePagesTests {

	private final List<@Nullable String> calls = new ArrayList<>();

	/**
	 * Five pages; the call is counted when the page's {@code Mono} is subscribed to,
	 * which is when an HTTP exchange would start.
	 */
	private Mono<KiwoomPage<String>> fetch(@Nullable String nextKey) {
		return Mono.defer(() -> {
			this.calls.add(nextKey);
			int index = this.calls.size();
			return Mono.just(new KiwoomPage<>("page-" + index, (index < 5) ? "Y" : "N", "KEY-" + index));
		});
	}

	@Test
	void asksForNoPageBeforeTheSubscriberDoes() {
		Pages pages = new Pages();
		KiwoomReactivePages.pages(null, 10, this::fetch).subscribe(pages);
		assertThat(this.calls).isEmpty();
		pages.request(1);
		assertThat(pages.received).containsExactly("page-1");
		assertThat(this.calls).containsExactly((String) null);
		pages.request(2);
		assertThat(pages.received).containsExactly("page-1", "page-2", "page-3");
		assertThat(this.calls).containsExactly(null, "KEY-1", "KEY-2");
	}

	@Test
	void endsAfterTheLastPageOrTheLimit() {
		assertThat(KiwoomReactivePages.pages("KEY-0", 10, this::fetch).collectList().block()).hasSize(5);
		this.calls.clear();
		assertThat(KiwoomReactivePages.pages(null, 2, this::fetch).collectList().block()).hasSize(2);
		assertThat(this.calls).hasSize(2);
	}

	@Test
	void failedPageCarriesThePagesReadAndItsKey() {
		Mono<KiwoomPage<String>> failure = Mono
			.error(new KiwoomApiException("ka10081", "/api/dostk/chart", KiwoomErrorKind.OTHER, "test"));
		List<String> read = new ArrayList<>();
		Throwable error = KiwoomReactivePages.pages("KEY-0", 10, (key) -> "KEY-2".equals(key) ? failure : fetch(key))
			.doOnNext((page) -> read.add(page.body()))
			.then()
			.materialize()
			.block()
			.getThrowable();
		assertThat(read).hasSize(2);
		assertThat(error).isInstanceOfSatisfying(KiwoomPagingException.class, (ex) -> {
			assertThat(ex.pagesRead()).isEqualTo(2);
			assertThat(ex.resumeKey()).isEqualTo("KEY-2");
			assertThat(ex.getApiId()).isEqualTo("ka10081");
			assertThat(ex.getCause()).isInstanceOf(KiwoomApiException.class);
		});
	}

	/**
	 * Subscriber that asks for nothing until told to.
	 */
	static final class Pages extends BaseSubscriber<KiwoomPage<String>> {

		private final List<String> received = new ArrayList<>();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(KiwoomPage<String> page) {
			this.received.add(page.body());
		}

	}

}
