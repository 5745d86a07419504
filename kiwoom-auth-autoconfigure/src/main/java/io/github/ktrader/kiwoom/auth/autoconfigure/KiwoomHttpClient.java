package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
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
 */
final class KiwoomHttpClient implements DisposableBean {

	private final Duration connectTimeout;

	private final SingletonSupplier<HttpClient> httpClient;

	private volatile @Nullable ExecutorService executor;

	KiwoomHttpClient(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
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
		return (uri, method) -> factory.obtain().createRequest(uri, method);
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
		if (executor != null) {
			executor.shutdownNow();
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
