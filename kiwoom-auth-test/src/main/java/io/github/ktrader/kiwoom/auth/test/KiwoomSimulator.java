package io.github.ktrader.kiwoom.auth.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.springframework.util.Assert;

/**
 * Kiwoom REST API served in-process on loopback, for tests of clients that manage access
 * tokens.
 * <p>
 * It answers au10001 ({@code POST /oauth2/token}), au10002 ({@code POST /oauth2/revoke})
 * and data calls under {@code /api/} (ka10001 from a stock list, ka10081 in pages with
 * {@code cont-yn}/{@code next-key}, and any TR a test gives an answer) the way Kiwoom
 * does: HTTP 200 with an outer {@code return_code} and the guide code in brackets in
 * {@code return_msg}, {@code expires_dt} in Korean wall-clock time, 8005 for a token that
 * is unknown, revoked, invalidated or expired. Only the one key pair it was built with is
 * accepted. Time comes from a {@link SimulatorClock}, so tests expire tokens by moving
 * the clock. Every request is recorded, and {@link #faults()} scripts failures.
 * <p>
 * Beside REST it serves Kiwoom's real-time socket at {@link #realtimeUrl()}: a WebSocket
 * that logs in with the same tokens, and that {@link #realtime()} inspects and scripts
 * ({@code 0B} ticks, pushes, {@code PING}s, one session per app key, faults, condition
 * search). <pre class="code">
 * try (KiwoomSimulator kiwoom = KiwoomSimulator.start()) {
 *     // point the client at kiwoom.url() with kiwoom.appkey() and kiwoom.secretkey()
 *     kiwoom.clock().advance(Duration.ofHours(25)); // every token has now expired
 * }
 * </pre>
 * <p>
 * Threading: each exchange runs on its own daemon thread, so a delayed or hung request
 * holds up no other and a simulator that is never closed does not keep the JVM alive; the
 * real-time socket runs on daemon threads of its own. All methods are thread-safe.
 *
 * @since 0.1.0
 * @see KiwoomSimulatorExtension
 * @see AutoConfigureKiwoomSimulator
 */
public final class KiwoomSimulator implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final Credentials credentials;

	private final SimulatorClock clock;

	private final TokenRegistry tokens;

	private final TokenEndpoint tokenEndpoint;

	private final MarketData marketData = new MarketData();

	private final CannedAnswers cannedAnswers = new CannedAnswers();

	private final DailyChart dailyChart = new DailyChart(this.marketData);

	private final RequestRecorder recorder = new RequestRecorder();

	private final Faults faults = new Faults();

	private final RateLimits rateLimits = new RateLimits();

	private final Orders orders = new Orders();

	private final InFlightCounter issuesInFlight = new InFlightCounter();

	private final ExecutorService executor;

	private final HttpServer server;

	private final RealtimeSimulator realtime;

	private final AtomicBoolean closed = new AtomicBoolean();

	private KiwoomSimulator(Builder builder) {
		this.credentials = new Credentials(builder.appkey, builder.secretkey);
		this.clock = builder.clock;
		this.tokens = new TokenRegistry(this.clock, builder.tokenLifetime, builder.reissueBehavior);
		this.tokenEndpoint = new TokenEndpoint(this.credentials, this.tokens);
		RequestRouter router = new RequestRouter(this.recorder, this.faults, this.issuesInFlight, this.tokenEndpoint,
				new RevokeEndpoint(this.credentials, this.tokens),
				new DataEndpoint(this.tokens, this.marketData, this.cannedAnswers, this.dailyChart, this.orders),
				this.rateLimits);
		this.server = createServer(builder.port);
		this.executor = Executors.newCachedThreadPool(new DaemonThreadFactory());
		this.server.createContext("/", router);
		this.server.setExecutor(this.executor);
		startOnDaemonThread(this.server);
		this.realtime = startRealtime(this.server, this.executor, this.tokens, this.marketData);
	}

	private static RealtimeSimulator startRealtime(HttpServer server, ExecutorService executor, TokenRegistry tokens,
			MarketData marketData) {
		try {
			return new RealtimeSimulator(HOST, tokens, marketData);
		}
		catch (RuntimeException ex) {
			server.stop(0);
			executor.shutdownNow();
			throw ex;
		}
	}

	private static HttpServer createServer(int port) {
		// Without TCP_NODELAY the server's separate header and body writes meet the
		// client's delayed ACK, and every call takes 40 ms. The JDK reads it once, when
		// the first server of the JVM is made; one the user set is left alone.
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		try {
			return HttpServer.create(new InetSocketAddress(HOST, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Kiwoom simulator on " + HOST + ":" + port, ex);
		}
	}

	private static void startOnDaemonThread(HttpServer server) {
		// The server's dispatcher thread inherits daemon status from the thread that
		// starts the server: a simulator nobody closed must not keep the JVM alive
		Thread starter = new Thread(server::start, "kiwoom-simulator-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns a builder for a simulator.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a simulator with random keys, a 24-hour token lifetime and
	 * {@link ReissueBehavior#FRESH} on a random port.
	 * @return the running simulator
	 */
	public static KiwoomSimulator start() {
		return builder().start();
	}

	/**
	 * Returns the base URL, to use as {@code kiwoom.host}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String url() {
		return "http://" + HOST + ":" + port();
	}

	/**
	 * Returns the address of the real-time socket, to use as {@code kiwoom.realtime.url}.
	 * @return {@code ws://127.0.0.1:<port>/api/dostk/websocket}, on a port of its own
	 */
	public String realtimeUrl() {
		return "ws://" + HOST + ":" + this.realtime.port() + RealtimeServer.PATH;
	}

	/**
	 * Returns the real-time socket, to inspect what clients sent, push frames and script
	 * its faults.
	 * @return the real-time side of this simulator
	 */
	public RealtimeSimulator realtime() {
		return this.realtime;
	}

	/**
	 * Returns the port the simulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the app key the simulator accepts.
	 * @return the app key
	 */
	public String appkey() {
		return this.credentials.appkey();
	}

	/**
	 * Returns the secret key the simulator accepts.
	 * @return the secret key
	 */
	public String secretkey() {
		return this.credentials.secretkey();
	}

	/**
	 * Returns the clock that stamps and expires tokens.
	 * @return the clock
	 */
	public SimulatorClock clock() {
		return this.clock;
	}

	/**
	 * Sets how an issue is answered while a token is valid, from the next issue on.
	 * @param reissueBehavior the behaviour
	 */
	public void reissueBehavior(ReissueBehavior reissueBehavior) {
		Assert.notNull(reissueBehavior, "Reissue behavior must not be null");
		this.tokens.reissueBehavior(reissueBehavior);
	}

	/**
	 * Sets the lifetime of tokens issued from now on; issued tokens keep their expiry.
	 * @param tokenLifetime the lifetime, positive
	 */
	public void tokenLifetime(Duration tokenLifetime) {
		this.tokens.lifetime(validLifetime(tokenLifetime));
	}

	/**
	 * Makes every token issued so far answer 8005 from now on.
	 */
	public void invalidateAllTokens() {
		this.tokens.invalidateAll();
	}

	/**
	 * Makes one token answer 8005 from now on.
	 * @param token the token
	 */
	public void invalidate(String token) {
		this.tokens.invalidate(token);
	}

	/**
	 * Returns whether a data call with the token would be accepted now.
	 * @param token the token
	 * @return whether the token is issued, not revoked or invalidated, and not expired
	 */
	public boolean isValid(String token) {
		Assert.notNull(token, "Token must not be null");
		return this.tokens.isValid(token);
	}

	/**
	 * Returns how many au10001 requests were answered with a token.
	 * @return the number of successful issues
	 */
	public int issuedCount() {
		return this.tokenEndpoint.issuedCount();
	}

	/**
	 * Returns the highest number of au10001 requests that were in progress at the same
	 * time, refused ones included.
	 * @return the peak number of concurrent issues
	 */
	public int maxConcurrentIssues() {
		return this.issuesInFlight.max();
	}

	/**
	 * Returns the tokens revoked through au10002.
	 * @return a snapshot of the revoked tokens
	 */
	public Set<String> revokedTokens() {
		return this.tokens.revoked();
	}

	/**
	 * Returns every request received, in arrival order.
	 * @return a snapshot of the recorded requests
	 */
	public List<RecordedRequest> requests() {
		return this.recorder.all();
	}

	/**
	 * Returns the requests received on one path, in arrival order.
	 * @param path the request path, e.g. {@code /oauth2/token}
	 * @return a snapshot of the matching requests
	 */
	public List<RecordedRequest> requests(String path) {
		Assert.notNull(path, "Path must not be null");
		return this.recorder.forPath(path);
	}

	/**
	 * Forgets the requests recorded so far.
	 */
	public void clearRequests() {
		this.recorder.clear();
	}

	/**
	 * Adds a stock to ka10001, or changes one.
	 * @param code the six-digit code, e.g. {@code 005930}
	 * @param name the name, e.g. {@code 삼성전자}
	 * @param price the current price with its sign, e.g. {@code +71000}
	 */
	public void stock(String code, String name, String price) {
		this.marketData.stock(code, name, price);
	}

	/**
	 * Sets the answer to a TR id, on any path under {@code /api/}.
	 * <p>
	 * {@code return_code} 0 and {@code return_msg} are added when the JSON lacks them. A
	 * canned answer for ka10001 or ka10081 replaces the built-in one. TR ids without a
	 * canned answer, other than ka10001 and ka10081, get plain success.
	 * @param apiId the TR id, e.g. {@code ka10081}
	 * @param json a JSON object
	 */
	public void cannedResponse(String apiId, String json) {
		this.cannedAnswers.set(apiId, json, Map.of());
	}

	/**
	 * Sets the answer to a TR id together with response headers, e.g. {@code cont-yn: Y}
	 * and a {@code next-key}. Headers given here replace the default {@code cont-yn: N}
	 * and empty {@code next-key}.
	 * @param apiId the TR id
	 * @param json a JSON object
	 * @param headers the response headers to add
	 * @see #cannedResponse(String, String)
	 */
	public void cannedResponse(String apiId, String json, Map<String, String> headers) {
		this.cannedAnswers.set(apiId, json, headers);
	}

	/**
	 * Sets the pages a TR id answers, for any paged TR. The first page answers a request
	 * without {@code cont-yn: Y}; every page but the last answers {@code cont-yn: Y} and
	 * a {@code next-key} that asks for the page after it; the last answers
	 * {@code cont-yn: N}. A {@code next-key} that names no page is refused with 1517.
	 * @param apiId the TR id
	 * @param pages the JSON object of each page, in order
	 */
	public void cannedPages(String apiId, String... pages) {
		Assert.notNull(pages, "Pages must not be null");
		this.cannedAnswers.setPages(apiId, List.of(pages));
	}

	/**
	 * Sets how many rows ka10081 (주식일봉차트조회요청, {@code POST /api/dostk/chart}) answers and
	 * how many fit on a page; 250 rows, 100 per page by default, so three pages. Rows are
	 * one per weekday from {@code base_dt} back, newest first, in
	 * {@code stk_dt_pole_chart_qry}, for every stock known to ka10001.
	 * @param days the number of rows, 0 or more
	 * @param rowsPerPage the rows per page, positive
	 */
	public void dailyChart(int days, int rowsPerPage) {
		this.dailyChart.size(days, rowsPerPage);
	}

	/**
	 * Returns Kiwoom's allowances, off until one is set.
	 * @return the allowances
	 */
	public RateLimits rateLimits() {
		return this.rateLimits;
	}

	/**
	 * Returns the order TR {@code kt10000}, which counts the orders it accepted.
	 * @return the orders
	 */
	public Orders orders() {
		return this.orders;
	}

	/**
	 * Returns the script of simulated failures.
	 * @return the faults
	 */
	public Faults faults() {
		return this.faults;
	}

	/**
	 * Stops the server at once; requests that are delayed or hung are abandoned
	 * unanswered, and real-time sessions are cut. Calling it again has no effect.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.realtime.close();
			}
			finally {
				this.server.stop(0);
				this.executor.shutdownNow();
			}
		}
	}

	@Override
	public String toString() {
		return "KiwoomSimulator[" + url() + "]";
	}

	private static Duration validLifetime(Duration tokenLifetime) {
		Assert.notNull(tokenLifetime, "Token lifetime must not be null");
		Assert.isTrue(!tokenLifetime.isNegative() && !tokenLifetime.isZero(), "Token lifetime must be positive");
		return tokenLifetime;
	}

	/**
	 * Configures and starts a {@link KiwoomSimulator}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private static final SecureRandom random = new SecureRandom();

		private String appkey = "sim-app-" + randomHex(8);

		private String secretkey = "sim-secret-" + randomHex(16);

		private Duration tokenLifetime = Duration.ofHours(24);

		private ReissueBehavior reissueBehavior = ReissueBehavior.FRESH;

		private int port;

		private SimulatorClock clock = new SimulatorClock();

		private Builder() {
		}

		/**
		 * Sets the app key to accept; a random one by default.
		 * @param appkey the app key
		 * @return this builder
		 */
		public Builder appkey(String appkey) {
			Assert.hasText(appkey, "Appkey must not be empty");
			this.appkey = appkey;
			return this;
		}

		/**
		 * Sets the secret key to accept; a random one by default.
		 * @param secretkey the secret key
		 * @return this builder
		 */
		public Builder secretkey(String secretkey) {
			Assert.hasText(secretkey, "Secretkey must not be empty");
			this.secretkey = secretkey;
			return this;
		}

		/**
		 * Sets the lifetime of issued tokens; 24 hours by default.
		 * @param tokenLifetime the lifetime, positive
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = validLifetime(tokenLifetime);
			return this;
		}

		/**
		 * Sets how an issue is answered while a token is valid;
		 * {@link ReissueBehavior#FRESH} by default.
		 * @param reissueBehavior the behaviour
		 * @return this builder
		 */
		public Builder reissueBehavior(ReissueBehavior reissueBehavior) {
			Assert.notNull(reissueBehavior, "Reissue behavior must not be null");
			this.reissueBehavior = reissueBehavior;
			return this;
		}

		/**
		 * Sets the port to listen on; 0, the default, picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			Assert.isTrue(port >= 0 && port <= 65535, "Port must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * Sets the clock; by default a new one standing at the current real instant.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(SimulatorClock clock) {
			Assert.notNull(clock, "Clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Starts a simulator with this configuration.
		 * @return the running simulator
		 * @throws UncheckedIOException when the port cannot be bound
		 */
		public KiwoomSimulator start() {
			return new KiwoomSimulator(this);
		}

		@Override
		public String toString() {
			return "KiwoomSimulator.Builder[port=" + this.port + ", tokenLifetime=" + this.tokenLifetime
					+ ", reissueBehavior=" + this.reissueBehavior + "]";
		}

		private static String randomHex(int bytes) {
			byte[] value = new byte[bytes];
			random.nextBytes(value);
			return HexFormat.of().formatHex(value);
		}

	}

	/**
	 * Names the exchange threads and makes them daemons.
	 */
	private static final class DaemonThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "kiwoom-simulator-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
