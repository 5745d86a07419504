package io.github.ktrader.kiwoom.auth.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.benchmarks.KiwoomAnswers.Answer;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.ratelimit.KiwoomRateLimiter;
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
 * What a user pays for a whole Kiwoom call, in memory: the floor (a fixed
 * {@code authorization} header), kiwoom-auth, and Spring Security's
 * {@code OAuth2ClientHttpRequestInterceptor}, side by side (see
 * {@link WholeCallClients}).
 * <p>
 * Every client posts the same request and gets the same answer from one
 * {@link CannedResponseRequestFactory}, whose bytes are shared across calls: what a
 * client copies is its own cost. Answers are the 0.9 KB ka10001 answer and ka10081 charts
 * of 100 KB and 1 MB ({@link KiwoomAnswers}). Each is read as a {@code String} and,
 * separately, bound to a record: through {@code retrieve().body(type)} on the floor and
 * Spring Security, and through {@link KiwoomClient#post} (what the starter offers) as
 * well as {@code retrieve().body(type)} on the starter's {@code RestClient}. The
 * interceptor floor ({@code String} only) shows what any interceptor costs. Run with
 * {@code -prof gc}: B/op ({@code gc.alloc.rate.norm}) is half the point.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class WholeCallBenchmark {

	/**
	 * The answer: {@code ka10001} (0.9 KB), {@code ka10081-100k} or {@code ka10081-1m}.
	 */
	@Param({ "ka10001", "ka10081-100k", "ka10081-1m" })
	public String answer;

	private Answer kiwoomAnswer;

	private byte[] requestBytes;

	private WholeCallClients clients;

	/**
	 * Start the application and check that every client sends a token and reads the whole
	 * answer.
	 * @throws Exception if the application could not start
	 */
	@Setup
	public void setUp() throws Exception {
		this.kiwoomAnswer = KiwoomAnswers.named(this.answer);
		this.requestBytes = JsonMapper.shared().writeValueAsBytes(this.kiwoomAnswer.request());
		CannedResponseRequestFactory requestFactory = new CannedResponseRequestFactory(this.kiwoomAnswer.bytes());
		this.clients = WholeCallClients.start(requestFactory);
		Checks.sendsToken(requestFactory, "floor", this::floorString);
		Checks.sendsToken(requestFactory, "interceptor floor", this::interceptorFloorString);
		Checks.sendsToken(requestFactory, "kiwoom-auth", this::kiwoomAuthString);
		Checks.sendsToken(requestFactory, "kiwoom-auth KiwoomClient", this::kiwoomAuthRecord);
		Checks.sendsToken(requestFactory, "Spring Security", this::springSecurityString);
		int length = new String(this.kiwoomAnswer.bytes(), StandardCharsets.UTF_8).length();
		for (Object read : new Object[] { floorString(), interceptorFloorString(), kiwoomAuthString(),
				springSecurityString() }) {
			Checks.state(((String) read).length() == length, "a client read part of the answer");
		}
		for (Object read : new Object[] { floorRecord(), kiwoomAuthRecord(), kiwoomAuthRestClientRecord(),
				springSecurityRecord() }) {
			Checks.state(this.kiwoomAnswer.type().isInstance(read), "a client bound the wrong type");
		}
	}

	/**
	 * Close the application.
	 */
	@TearDown
	public void tearDown() {
		this.clients.close();
	}

	/**
	 * Floor, answer as a {@code String}.
	 * @return the answer
	 */
	@Benchmark
	public String floorString() {
		return readString(this.clients.floor);
	}

	/**
	 * Interceptor floor, answer as a {@code String}: what any interceptor costs.
	 * @return the answer
	 */
	@Benchmark
	public String interceptorFloorString() {
		return readString(this.clients.interceptorFloor);
	}

	/**
	 * kiwoom-auth's {@code RestClient}, answer as a {@code String}.
	 * @return the answer
	 */
	@Benchmark
	public String kiwoomAuthString() {
		return readString(this.clients.kiwoomAuth);
	}

	/**
	 * Spring Security's interceptor, answer as a {@code String}.
	 * @return the answer
	 */
	@Benchmark
	public String springSecurityString() {
		return readString(this.clients.springSecurity);
	}

	/**
	 * Floor, answer bound to a record.
	 * @return the answer
	 */
	@Benchmark
	public Object floorRecord() {
		return readRecord(this.clients.floor);
	}

	/**
	 * kiwoom-auth's {@link KiwoomClient#post}, answer bound to a record.
	 * @return the answer
	 */
	@Benchmark
	public Object kiwoomAuthRecord() {
		Answer answer = this.kiwoomAnswer;
		return this.clients.kiwoomClient.post(answer.apiId(), answer.path(), answer.request(), answer.type());
	}

	/**
	 * kiwoom-auth's {@code RestClient}, answer bound to a record by
	 * {@code retrieve().body(type)}.
	 * @return the answer
	 */
	@Benchmark
	public Object kiwoomAuthRestClientRecord() {
		return readRecord(this.clients.kiwoomAuth);
	}

	/**
	 * Spring Security's interceptor, answer bound to a record.
	 * @return the answer
	 */
	@Benchmark
	public Object springSecurityRecord() {
		return readRecord(this.clients.springSecurity);
	}

	KiwoomRateLimiter rateLimiter() {
		return this.clients.rateLimiter();
	}

	private String readString(RestClient client) {
		Answer answer = this.kiwoomAnswer;
		return client.post()
			.uri(answer.path())
			.header(KiwoomClient.API_ID, answer.apiId())
			.body(this.requestBytes)
			.retrieve()
			.body(String.class);
	}

	private Object readRecord(RestClient client) {
		Answer answer = this.kiwoomAnswer;
		return client.post()
			.uri(answer.path())
			.header(KiwoomClient.API_ID, answer.apiId())
			.body(answer.request())
			.retrieve()
			.body(answer.type());
	}

}
