package io.github.ktrader.kiwoom.auth.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadAheadBuffers}.
 */
class ReadAheadBuffersTests {

	@Test
	void bufferGivenBackIsLentAgain() {
		ReadAheadBuffers buffers = new ReadAheadBuffers(2, 8);
		byte[] first = buffers.take();
		buffers.give(first);
		assertThat(buffers.take()).isSameAs(first);
	}

	@Test
	void whenEveryBufferIsLentANewOneIsMade() {
		ReadAheadBuffers buffers = new ReadAheadBuffers(1, 8);
		byte[] first = buffers.take();
		byte[] second = buffers.take();
		assertThat(second).isNotSameAs(first).hasSize(8);
	}

	@Test
	void whenEverySlotIsFullAGivenBufferIsLetGo() {
		ReadAheadBuffers buffers = new ReadAheadBuffers(1, 8);
		byte[] first = buffers.take();
		byte[] second = buffers.take();
		buffers.give(first);
		buffers.give(second);
		assertThat(buffers.take()).isSameAs(first);
		assertThat(buffers.take()).isNotSameAs(second);
	}

	@Test
	void bufferOfAnotherSizeIsNotTaken() {
		ReadAheadBuffers buffers = new ReadAheadBuffers(2, 8);
		buffers.give(new byte[4]);
		assertThat(buffers.take()).hasSize(8);
		assertThat(buffers.take()).hasSize(8);
	}

}
