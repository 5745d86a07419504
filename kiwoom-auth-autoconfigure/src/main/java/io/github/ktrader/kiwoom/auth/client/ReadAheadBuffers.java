package io.github.ktrader.kiwoom.auth.client;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Buffers lent to answers that are read ahead to be judged, so that judging a small
 * answer copies it into memory that is used again instead of into a new array per call.
 * <p>
 * A buffer goes back when its answer is closed. One that never comes back (an answer left
 * unclosed) is collected like any garbage, and a free slot is filled again by the next
 * buffer given back; when every buffer is lent out, a new one is made. So the pool never
 * blocks and holds at most {@code slots × size} bytes.
 */
final class ReadAheadBuffers {

	/**
	 * The buffers every Kiwoom client of this JVM shares: a few per core.
	 */
	static final ReadAheadBuffers SHARED = new ReadAheadBuffers(
			Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())), KiwoomResponse.PEEK_LIMIT + 1);

	private final AtomicReferenceArray<byte[]> free;

	private final int size;

	ReadAheadBuffers(int slots, int size) {
		this.free = new AtomicReferenceArray<>(slots);
		this.size = size;
	}

	/**
	 * Take a free buffer, or make one if none is free.
	 */
	byte[] take() {
		int slots = this.free.length();
		// Start where this thread last gave one back, so that threads rarely meet.
		int start = home(slots);
		for (int i = 0; i < slots; i++) {
			int slot = (start + i) % slots;
			byte[] buffer = this.free.get(slot);
			if (buffer != null && this.free.compareAndSet(slot, buffer, null)) {
				return buffer;
			}
		}
		return new byte[this.size];
	}

	/**
	 * Give a buffer back, or let it go when every slot is full.
	 */
	void give(byte[] buffer) {
		if (buffer.length != this.size) {
			return;
		}
		int slots = this.free.length();
		int start = home(slots);
		for (int i = 0; i < slots; i++) {
			if (this.free.compareAndSet((start + i) % slots, null, buffer)) {
				return;
			}
		}
	}

	private static int home(int slots) {
		return (System.identityHashCode(Thread.currentThread()) & Integer.MAX_VALUE) % slots;
	}

}
