package io.github.ktrader.kiwoom.auth.client;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * First bytes of a reactive answer body, read to judge Kiwoom's status without holding a
 * large answer in memory.
 * <p>
 * An answer of at most {@code limit} bytes is read whole ({@link #whole()} is its bytes).
 * A longer one is not: its buffers up to the limit are kept, and {@link #body()} streams
 * them followed by the rest, still unread. Kiwoom's error and rejection answers are small
 * JSON objects, so a long answer is a data answer.
 */
final class BodyPrefix {

	private final byte @Nullable [] whole;

	private final Flux<DataBuffer> body;

	private BodyPrefix(byte @Nullable [] whole, Flux<DataBuffer> body) {
		this.whole = whole;
		this.body = body;
	}

	static Mono<BodyPrefix> read(Flux<DataBuffer> body, int limit) {
		return body.bufferUntil(new OverLimit(limit)).switchOnFirst((first, lists) -> {
			List<DataBuffer> firstList = first.get();
			if (firstList != null && size(firstList) > limit) {
				// The rest stays unread until the caller reads the body
				return Mono.just(new BodyPrefix(null, lists.concatMapIterable((list) -> list)));
			}
			// Emitted at completion: the whole body, or nothing for an empty one
			return lists.map(BodyPrefix::whole).defaultIfEmpty(whole(List.of()));
		}, false).single();
	}

	private static BodyPrefix whole(List<DataBuffer> buffers) {
		int size = size(buffers);
		byte[] bytes = new byte[size];
		int offset = 0;
		for (DataBuffer buffer : buffers) {
			int count = buffer.readableByteCount();
			buffer.read(bytes, offset, count);
			offset += count;
			DataBufferUtils.release(buffer);
		}
		return new BodyPrefix(bytes, Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))));
	}

	private static int size(List<DataBuffer> buffers) {
		int size = 0;
		for (DataBuffer buffer : buffers) {
			size += buffer.readableByteCount();
		}
		return size;
	}

	/**
	 * Return the whole body, or {@code null} when it is longer than the limit.
	 */
	byte @Nullable [] whole() {
		return this.whole;
	}

	/**
	 * Return the body to hand on; subscribe to it once.
	 */
	Flux<DataBuffer> body() {
		return this.body;
	}

	/**
	 * Discard the body without reading the rest.
	 */
	Mono<Void> release() {
		return this.body.doOnNext(DataBufferUtils::release).then();
	}

	/**
	 * True from the buffer that takes the running total past the limit on, so that the
	 * first list is the whole body exactly when it fits.
	 */
	private static final class OverLimit implements Predicate<DataBuffer> {

		private final int limit;

		private long total;

		OverLimit(int limit) {
			this.limit = limit;
		}

		@Override
		public boolean test(DataBuffer buffer) {
			this.total += buffer.readableByteCount();
			return this.total > this.limit;
		}

	}

}
