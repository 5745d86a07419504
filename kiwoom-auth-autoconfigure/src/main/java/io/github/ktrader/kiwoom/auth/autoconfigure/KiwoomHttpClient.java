package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one JDK {@link HttpClient} every Kiwoom call of a context goes through (au10001,
 * au10002 and the data calls), created on the first call rather than at startup, and
 * released when the context closes.
 * <p>
 * It speaks HTTP/1.1, as Kiwoom's own examples do: the JDK client would otherwise try
 * HTTP/2, and send {@code Upgrade: h2c} on plain http. Java 17's {@code HttpClient} has
 * no {@code close()}, so the client runs on an executor of daemon threads owned here,
 * which is shut down on close; the client's own selector thread ends once the client is
 * no longer reachable.
 * <p>
 * A call still in flight when the context closes (an au10001 that Kiwoom answers late,
 * whose token must then be revoked) keeps the executor alive: it is shut down once no
 * call has been in flight for {@link #LINGER}, and after the release grace at the latest.
 * Java 17's client cannot finish a call whose executor is gone.
 */
final class KiwoomHttpClient implements DisposableBean {

	/**
	 * How long the executor outlives the last call once the context closed: long enough
	 * for the revoke of a token that arrived late to begin.
	 */
	static final Duration LINGER = Duration.ofSeconds(1);

	private final Duration connectTimeout;

	private final Duration releaseGrace;

	private final SingletonSupplier<HttpClient> httpClient;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile long lastCallEndedNanos = System.nanoTime();

	private volatile @Nullable ExecutorService executor;

	/**
	 * Create the client holder.
	 * @param connectTimeout the connect timeout of every call
	 * @param releaseGrace the longest time a call in flight at close keeps the executor
	 */
	KiwoomHttpClient(Duration connectTimeout, Duration releaseGrace) {
		this.connectTimeout = connectTimeout;
		this.releaseGrace = releaseGrace;
		this.httpClient = SingletonSupplier.of(this::createHttpClient);
	}

	private HttpClient createHttpClient() {
		ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreadFactory());
		this.executor = executor;
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.connectTimeout)
			.executor(executor)
			.build();
	}

	/**
	 * Return a request factory with the given read timeout that creates the client only
	 * when its first request is made.
	 */
	ClientHttpRequestFactory requestFactory(Duration readTimeout) {
		SingletonSupplier<ClientHttpRequestFactory> factory = SingletonSupplier.of(() -> {
			JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(this.httpClient.obtain());
			jdk.setReadTimeout(readTimeout);
			return jdk;
		});
		return (uri, method) -> new CountedRequest(factory.obtain().createRequest(uri, method));
	}

	/**
	 * Return whether the client was created and its executor is still running.
	 */
	boolean isRunning() {
		ExecutorService executor = this.executor;
		return executor != null && !executor.isShutdown();
	}

	@Override
	public void destroy() {
		ExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		if (this.inFlight.get() == 0) {
			executor.shutdownNow();
			return;
		}
		Thread release = new Thread(() -> releaseWhenIdle(executor), "kiwoom-http-release");
		release.setDaemon(true);
		release.start();
	}

	private void releaseWhenIdle(ExecutorService executor) {
		long deadline = System.nanoTime() + this.releaseGrace.toNanos();
		try {
			while (System.nanoTime() - deadline < 0 && !isIdleForLinger()) {
				Thread.sleep(50);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private boolean isIdleForLinger() {
		return this.inFlight.get() == 0 && System.nanoTime() - this.lastCallEndedNanos > LINGER.toNanos();
	}

	/**
	 * Counts a call as in flight from its start until its answer's headers arrived.
	 */
	private final class CountedRequest implements ClientHttpRequest {

		private final ClientHttpRequest delegate;

		CountedRequest(ClientHttpRequest delegate) {
			this.delegate = delegate;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			KiwoomHttpClient.this.inFlight.incrementAndGet();
			try {
				return this.delegate.execute();
			}
			finally {
				KiwoomHttpClient.this.lastCallEndedNanos = System.nanoTime();
				KiwoomHttpClient.this.inFlight.decrementAndGet();
			}
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.delegate.getBody();
		}

		@Override
		public HttpMethod getMethod() {
			return this.delegate.getMethod();
		}

		@Override
		public URI getURI() {
			return this.delegate.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

	}

	private static final class DaemonThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "kiwoom-http-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
