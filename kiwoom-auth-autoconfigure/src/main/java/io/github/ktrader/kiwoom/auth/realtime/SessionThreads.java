package io.github.ktrader.kiwoom.auth.realtime;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The threads of one session: the HTTP client's (which reads the socket) and the
 * listeners' pool, both daemon threads so that they never keep the JVM alive, both shut
 * down with the session.
 */
final class SessionThreads {

	private final String account;

	private final ExecutorService io;

	private final ExecutorService listeners;

	private @Nullable HttpClient httpClient;

	SessionThreads(String account) {
		this.account = account;
		this.io = Executors.newCachedThreadPool(daemon("kiwoom-realtime-" + account + "-io-"));
		this.listeners = Executors.newCachedThreadPool(daemon("kiwoom-realtime-" + account + "-listener-"));
	}

	synchronized HttpClient httpClient(Duration connectTimeout) {
		if (this.httpClient == null) {
			this.httpClient = HttpClient.newBuilder().executor(this.io).connectTimeout(connectTimeout).build();
		}
		return this.httpClient;
	}

	ExecutorService listeners() {
		return this.listeners;
	}

	void shutdown() {
		this.listeners.shutdownNow();
		this.io.shutdownNow();
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public String toString() {
		return "SessionThreads[" + this.account + "]";
	}

}
