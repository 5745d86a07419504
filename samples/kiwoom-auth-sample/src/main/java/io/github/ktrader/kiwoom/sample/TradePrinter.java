package io.github.ktrader.kiwoom.sample;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeGap;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeSubscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * With {@code --sample.realtime=CODES}, subscribes to 주식체결 ({@code 0B}) of those stocks
 * through the starter's {@link KiwoomRealtime} and prints one line per trade,
 * {@code REAL 0B <code> <FID 10> <FID 13>} with Kiwoom's strings as sent, for
 * {@code sample.realtime-duration} from the socket's first login; the starter logs in,
 * answers PINGs, reconnects and registers again. Exiting closes the context: the socket
 * closes, then the token is revoked.
 * <p>
 * No trade at all is not a failure once the socket logged in (a market that is closed
 * trades nothing): it logs a warning and exits 0. It fails (exit 1) when the socket does
 * not log in within 30 seconds or stops for good before.
 *
 * @since 0.1.0
 */
@Component
class TradePrinter implements ApplicationRunner, ExitCodeGenerator, ApplicationListener<KiwoomRealtimeEvent> {

	private static final Log logger = LogFactory.getLog(TradePrinter.class);

	private static final String TYPE = "0B";

	/**
	 * How long to wait for the socket's first login: the duration counts from it, so that
	 * a slow start does not eat the time of printing.
	 */
	private static final Duration LOGIN_WAIT = Duration.ofSeconds(30);

	private final KiwoomRealtime realtime;

	private final SampleProperties properties;

	private final PrintStream out = System.out;

	private final AtomicLong trades = new AtomicLong();

	private final CompletableFuture<Boolean> firstLogin = new CompletableFuture<>();

	private volatile @Nullable String problem;

	private int exitCode;

	TradePrinter(KiwoomRealtime realtime, SampleProperties properties) {
		this.realtime = realtime;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		List<String> codes = this.properties.realtimeCodes();
		if (codes.isEmpty()) {
			return;
		}
		Duration duration = this.properties.getRealtimeDuration();
		logger.info("Printing real-time trades (" + TYPE + ") of " + String.join(",", codes) + " for " + duration);
		try (RealtimeSubscription subscription = this.realtime.subscribe(TYPE, codes, new Printer())) {
			if (!awaitFirstLogin()) {
				this.exitCode = 1;
				logger.error("The real-time socket did not log in (state " + this.realtime.state() + "; last problem: "
						+ Objects.requireNonNullElse(this.problem, "none within " + LOGIN_WAIT)
						+ "): check kiwoom.realtime.url and the keys");
				return;
			}
			Thread.sleep(duration.toMillis());
		}
		if (this.trades.get() > 0) {
			logger.info(this.trades.get() + " real-time trades printed in " + duration);
		}
		else {
			logger.warn("No real-time trade of " + String.join(",", codes) + " arrived in " + duration
					+ " although the socket logged in: the market is probably closed (KRX trades 09:00-15:30 KST)"
					+ " or these stocks did not trade");
		}
	}

	/**
	 * Wait until the socket logs in, or stops for good, or {@link #LOGIN_WAIT} passes.
	 */
	private boolean awaitFirstLogin() throws InterruptedException {
		try {
			return this.firstLogin.get(LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
	}

	@Override
	public void onApplicationEvent(KiwoomRealtimeEvent event) {
		if (!event.getAccount().equals(this.realtime.account())) {
			return;
		}
		if (event instanceof KiwoomRealtimeEvent.Connected) {
			this.firstLogin.complete(true);
		}
		else if (event instanceof KiwoomRealtimeEvent.Failed failed) {
			// Stopped for good (a bad key, an unregistered IP): no login will come
			this.problem = failed.getMessage();
			this.firstLogin.complete(false);
		}
		else if (event instanceof KiwoomRealtimeEvent.Disconnected disconnected) {
			this.problem = disconnected.getReason() + ": " + disconnected.getDetail();
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private final class Printer implements RealtimeListener {

		@Override
		public void onEvent(RealtimeEvent event) {
			TradePrinter.this.trades.incrementAndGet();
			TradePrinter.this.out.println(
					"REAL " + event.type() + " " + event.item() + " " + value(event, "10") + " " + value(event, "13"));
		}

		@Override
		public void onGap(RealtimeGap gap) {
			// A real application fetches what it missed over REST here
			logger.warn("Real-time socket was away from " + gap.since() + " to " + gap.until()
					+ ": trades of that time were not received");
		}

		private static String value(RealtimeEvent event, String fid) {
			return Objects.requireNonNullElse(event.value(fid), "-");
		}

	}

}
