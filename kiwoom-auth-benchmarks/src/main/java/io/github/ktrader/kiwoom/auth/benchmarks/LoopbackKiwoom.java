package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Kiwoom stand-in on loopback, built on the JDK's {@link HttpServer}.
 * <p>
 * It answers au10001 ({@code /oauth2/token}) with a new token valid for 24 hours, au10002
 * ({@code /oauth2/revoke}) with success, and ka10001 ({@code /api/dostk/stkinfo}) with a
 * stock-info answer of Kiwoom's usual size. It counts the au10001 requests it receives
 * and can hold each of them for a while, as a slow Kiwoom would. Handlers run on daemon
 * threads.
 *
 * @since 0.1.0
 */
public final class LoopbackKiwoom implements AutoCloseable {

	private static final ZoneId KIWOOM_ZONE = ZoneId.of("Asia/Seoul");

	private static final DateTimeFormatter EXPIRES_DT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

	private static final String JSON_UTF8 = "application/json;charset=UTF-8";

	private static final String OK_MSG = "정상적으로 처리되었습니다";

	private static final byte[] REVOKE_ANSWER = ("{\"return_code\":0,\"return_msg\":\"" + OK_MSG + "\"}")
		.getBytes(StandardCharsets.UTF_8);

	// A ka10001 answer as Kiwoom's guide shows it: return_code comes last, so whoever
	// looks for it reads the whole body.
	static final byte[] STOCK_INFO_ANSWER = ("{\"stk_cd\":\"005930\",\"stk_nm\":\"삼성전자\",\"setl_mm\":\"12\","
			+ "\"fav\":\"100\",\"cap\":\"1311\",\"flo_stk\":\"25527\",\"crd_rt\":\"+0.08\",\"oyr_hgst\":\"+88000\","
			+ "\"oyr_lwst\":\"-49900\",\"mac\":\"4239131\",\"mac_wght\":\"\",\"for_exh_rt\":\"51.92\","
			+ "\"repl_pric\":\"56800\",\"per\":\"15.67\",\"eps\":\"4531\",\"roe\":\"9.0\",\"pbr\":\"1.34\","
			+ "\"ev\":\"4.28\",\"bps\":\"52987\",\"sale_amt\":\"3008709\",\"bus_pro\":\"327260\","
			+ "\"cup_nga\":\"344514\",\"250hgst\":\"+88000\",\"250lwst\":\"-49900\",\"high_pric\":\"71800\","
			+ "\"open_pric\":\"-70400\",\"low_pric\":\"70100\",\"upl_pric\":\"+92300\",\"lst_pric\":\"-49700\","
			+ "\"base_pric\":\"71000\",\"exp_cntr_pric\":\"0\",\"exp_cntr_qty\":\"0\",\"250hgst_pric_dt\":\"20240711\","
			+ "\"250hgst_pric_pre_rt\":\"-19.32\",\"250lwst_pric_dt\":\"20241114\",\"250lwst_pric_pre_rt\":\"+42.28\","
			+ "\"cur_prc\":\"+71000\",\"pre_sig\":\"2\",\"pred_pre\":\"+600\",\"flu_rt\":\"+0.85\","
			+ "\"trde_qty\":\"11253482\",\"trde_pre\":\"+28.75\",\"fav_unit\":\"100\",\"dstr_stk\":\"5919638\","
			+ "\"dstr_rt\":\"99.14\",\"return_code\":0,\"return_msg\":\"" + OK_MSG + "\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile CountDownLatch tokenRequested = new CountDownLatch(1);

	private LoopbackKiwoom(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a server on a free loopback port.
	 * @return the running server
	 * @throws IOException if the port could not be bound
	 */
	public static LoopbackKiwoom start() throws IOException {
		// Without TCP_NODELAY the server's separate header and body writes meet the
		// client's delayed ACK, and every call takes 40 ms. Read once, when the first
		// server is created.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		LoopbackKiwoom kiwoom = new LoopbackKiwoom(server);
		server.createContext("/oauth2/token", kiwoom::issue);
		server.createContext("/oauth2/revoke", (exchange) -> answer(exchange, REVOKE_ANSWER));
		server.createContext("/api/dostk/stkinfo", (exchange) -> answer(exchange, STOCK_INFO_ANSWER));
		// Handlers run on the server's one dispatcher thread: no hand-off to a pool
		// thread, so less noise per call. A delayed au10001 holds up other requests,
		// which no scenario sends meanwhile.
		server.start();
		return kiwoom;
	}

	/**
	 * Return the URL to use as {@code kiwoom.host}.
	 * @return the base URL, such as {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":"
				+ this.server.getAddress().getPort();
	}

	/**
	 * Hold every following au10001 request this long before answering.
	 * @param delay the time the token endpoint takes
	 */
	public void setTokenDelay(Duration delay) {
		this.tokenDelay = delay;
	}

	/**
	 * Return the number of au10001 requests received since the last reset.
	 * @return the request count
	 */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/**
	 * Reset the au10001 count, and re-arm {@link #awaitTokenRequest(Duration)}.
	 */
	public void resetTokenRequests() {
		this.tokenRequests.set(0);
		this.tokenRequested = new CountDownLatch(1);
	}

	/**
	 * Wait until an au10001 request has arrived since the last reset.
	 * @param timeout the longest time to wait
	 * @return whether a request arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitTokenRequest(Duration timeout) throws InterruptedException {
		return this.tokenRequested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void issue(HttpExchange exchange) throws IOException {
		int number = this.tokenRequests.incrementAndGet();
		this.tokenRequested.countDown();
		long delay = this.tokenDelay.toMillis();
		if (delay > 0) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String expiresDt = LocalDateTime.now(KIWOOM_ZONE).plusHours(24).format(EXPIRES_DT);
		String token = "loopback-token-" + System.nanoTime() + "-" + number;
		answer(exchange, ("{\"expires_dt\":\"" + expiresDt + "\",\"token_type\":\"bearer\",\"token\":\"" + token
				+ "\",\"return_code\":0,\"return_msg\":\"" + OK_MSG + "\"}")
			.getBytes(StandardCharsets.UTF_8));
	}

	private static void answer(HttpExchange exchange, byte[] body) throws IOException {
		drain(exchange);
		exchange.getResponseHeaders().set("Content-Type", JSON_UTF8);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void drain(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
