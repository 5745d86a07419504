package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * The body of a {@link KiwoomResponse}: the bytes read ahead, then the rest of the
 * answer, counted against the limit.
 * <p>
 * Supports {@code mark}/{@code reset}, so that {@code RestClient} can look for an empty
 * body without wrapping it, and lets a converter find the answer it reads. Once the
 * answer is closed the lent buffer is given back and the body cannot be read any more, so
 * a late reader gets an {@link IOException}, never bytes of another call.
 */
final class KiwoomResponseBody extends InputStream {

	private final KiwoomResponse response;

	private final long limit;

	private final String limitName;

	private byte @Nullable [] lent;

	private byte @Nullable [] ahead;

	private int aheadLength;

	private int position;

	private int mark = -1;

	private @Nullable InputStream rest;

	private long count;

	private boolean exceeded;

	private boolean released;

	/**
	 * Whether the answer was read to its end: nothing is left on the connection.
	 */
	private boolean ended;

	/**
	 * Whether the caller closed the body before its end.
	 */
	private boolean abandoned;

	private volatile @Nullable KiwoomApiException failure;

	KiwoomResponseBody(KiwoomResponse response, long limit, String limitName) {
		this.response = response;
		this.limit = limit;
		this.limitName = limitName;
	}

	/**
	 * Serve the first {@code length} bytes of a lent buffer first.
	 */
	void readAhead(byte[] buffer, int length) {
		this.ended = true;
		this.lent = buffer;
		this.ahead = buffer;
		this.aheadLength = length;
		this.count = length;
	}

	/**
	 * Serve the rest of the answer from the given stream, after what was read ahead.
	 */
	void streamFrom(InputStream rest) {
		this.ended = false;
		this.rest = rest;
	}

	KiwoomResponse response() {
		return this.response;
	}

	/**
	 * Return the failure the body raised while being read, or {@code null}. A reader such
	 * as Jackson may wrap it in an exception of its own.
	 */
	@Nullable KiwoomApiException failure() {
		return this.failure;
	}

	/**
	 * Give the lent buffer back and refuse further reads.
	 * @return whether the answer went past the limit or was closed unread, so that its
	 * connection must be dropped rather than drained
	 */
	boolean release() {
		this.released = true;
		this.ahead = null;
		this.aheadLength = 0;
		giveBack();
		return this.exceeded || this.abandoned;
	}

	private void giveBack() {
		byte[] lent = this.lent;
		if (lent != null) {
			this.lent = null;
			ReadAheadBuffers.SHARED.give(lent);
		}
	}

	@Override
	public int read() throws IOException {
		checkOpen();
		byte[] ahead = this.ahead;
		if (ahead != null && this.position < this.aheadLength) {
			return ahead[this.position++] & 0xFF;
		}
		InputStream rest = this.rest;
		if (rest == null) {
			return -1;
		}
		int b;
		try {
			b = rest.read();
		}
		catch (IOException ex) {
			throw failed(new KiwoomApiException(this.response.apiId(), this.response.path(), ex));
		}
		if (b >= 0) {
			counted(1);
		}
		else {
			this.ended = true;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		checkOpen();
		if (length == 0) {
			return 0;
		}
		byte[] ahead = this.ahead;
		if (ahead != null && this.position < this.aheadLength) {
			int n = Math.min(length, this.aheadLength - this.position);
			System.arraycopy(ahead, this.position, buffer, offset, n);
			this.position += n;
			return n;
		}
		InputStream rest = this.rest;
		if (rest == null) {
			return -1;
		}
		int n;
		try {
			n = rest.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw failed(new KiwoomApiException(this.response.apiId(), this.response.path(), ex));
		}
		if (n > 0) {
			counted(n);
		}
		else if (n < 0) {
			this.ended = true;
		}
		return n;
	}

	private void counted(int n) {
		this.count += n;
		if (this.count > this.limit) {
			this.exceeded = true;
			throw failed(
					KiwoomResponse.tooLarge(this.response.apiId(), this.response.path(), this.limitName, this.limit));
		}
	}

	private KiwoomApiException failed(KiwoomApiException failure) {
		this.failure = failure;
		return failure;
	}

	private void checkOpen() throws IOException {
		if (this.released) {
			throw new IOException("Kiwoom's answer to " + this.response.path() + " was already closed");
		}
	}

	@Override
	public int available() throws IOException {
		if (this.released) {
			return 0;
		}
		if (this.ahead != null && this.position < this.aheadLength) {
			return this.aheadLength - this.position;
		}
		return (this.rest != null) ? this.rest.available() : 0;
	}

	@Override
	public boolean markSupported() {
		return true;
	}

	@Override
	public void mark(int readLimit) {
		byte[] ahead = this.ahead;
		int buffered = (ahead != null) ? this.aheadLength - this.position : 0;
		InputStream rest = this.rest;
		if (buffered >= readLimit || rest == null || this.released) {
			this.mark = this.position;
			return;
		}
		// Pull what reset() may have to replay, no more than the limit allows.
		byte[] more;
		try {
			more = rest.readNBytes((int) Math.min(readLimit - buffered, this.limit - this.count + 1));
		}
		catch (IOException ex) {
			throw failed(new KiwoomApiException(this.response.apiId(), this.response.path(), ex));
		}
		byte[] merged = new byte[buffered + more.length];
		if (ahead != null) {
			System.arraycopy(ahead, this.position, merged, 0, buffered);
		}
		System.arraycopy(more, 0, merged, buffered, more.length);
		this.ahead = merged;
		this.aheadLength = merged.length;
		this.position = 0;
		this.mark = 0;
		giveBack();
		counted(more.length);
	}

	@Override
	public void reset() throws IOException {
		checkOpen();
		if (this.mark < 0) {
			throw new IOException("Mark not set");
		}
		this.position = this.mark;
	}

	/**
	 * Release the exchange, as closing a plain {@code RestClient}'s body does: an answer
	 * read to its end (or read ahead whole) closes normally, so that its connection can
	 * be reused; one left unread is cut, rather than drained. A converter that closes the
	 * stream after the last JSON token is done with it too, and {@code RestClient}'s own
	 * close afterwards finds it closed.
	 */
	@Override
	public void close() {
		if (this.released) {
			return;
		}
		this.abandoned = !this.ended;
		this.response.close();
	}

}
