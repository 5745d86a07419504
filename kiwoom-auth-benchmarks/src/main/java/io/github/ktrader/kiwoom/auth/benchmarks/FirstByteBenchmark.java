package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.benchmarks.KiwoomAnswers.Answer;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import tools.jackson.databind.json.JsonMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.web.client.RestClient;

/**
 * Time until the first byte of a 1 MB ka10081 answer reaches the caller, through the same
 * three clients as {@link WholeCallBenchmark}: {@code exchange(...)} reads one byte of
 * the body and closes the response.
 * <p>
 * With {@code arrival=instant} the whole answer is in memory at once, so the figure is
 * what the client does before it hands over the stream (a client that buffers the answer
 * copies 1 MB first). With {@code arrival=1gbps} the answer arrives in 16 KB chunks at 1
 * Gbit/s, about 8 ms for all of it, as from a fast network: a client that streams hands
 * over the first byte at once, one that buffers only after the last chunk.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class FirstByteBenchmark {

	private static final int CHUNK = 16 * 1024;

	private static final long ONE_GBPS = 1_000_000_000L;

	/**
	 * How the answer arrives: {@code instant} or {@code 1gbps}.
	 */
	@Param({ "instant", "1gbps" })
	public String arrival;

	private Answer kiwoomAnswer;

	private byte[] requestBytes;

	private WholeCallClients clients;

	/**
	 * Start the application and check that every client sends a token.
	 * @throws Exception if the application could not start
	 */
	@Setup
	public void setUp() throws Exception {
		this.kiwoomAnswer = KiwoomAnswers.named("ka10081-1m");
		this.requestBytes = JsonMapper.shared().writeValueAsBytes(this.kiwoomAnswer.request());
		byte[] bytes = this.kiwoomAnswer.bytes();
		CannedResponseRequestFactory requestFactory = "instant".equals(this.arrival)
				? new CannedResponseRequestFactory(bytes) : CannedResponseRequestFactory.paced(bytes, CHUNK, ONE_GBPS);
		this.clients = WholeCallClients.start(requestFactory);
		Checks.sendsToken(requestFactory, "plain", this::plain);
		Checks.sendsToken(requestFactory, "kiwoom-auth", this::kiwoomAuth);
		Checks.sendsToken(requestFactory, "Spring Security", this::springSecurity);
		Checks.state(plain() == (bytes[0] & 0xFF), "the first byte read is not the answer's");
	}

	/**
	 * Close the application.
	 */
	@TearDown
	public void tearDown() {
		this.clients.close();
	}

	/**
	 * Plain {@code RestClient} with a fixed header.
	 * @return the first byte
	 */
	@Benchmark
	public int plain() {
		return firstByte(this.clients.floor);
	}

	/**
	 * kiwoom-auth's {@code RestClient}.
	 * @return the first byte
	 */
	@Benchmark
	public int kiwoomAuth() {
		return firstByte(this.clients.kiwoomAuth);
	}

	/**
	 * Spring Security's interceptor.
	 * @return the first byte
	 */
	@Benchmark
	public int springSecurity() {
		return firstByte(this.clients.springSecurity);
	}

	private int firstByte(RestClient client) {
		Integer first = client.post()
			.uri(this.kiwoomAnswer.path())
			.header(KiwoomClient.API_ID, this.kiwoomAnswer.apiId())
			.body(this.requestBytes)
			.exchange((request, response) -> response.getBody().read(), true);
		return (first != null) ? first : -1;
	}

}
