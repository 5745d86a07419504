package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ktrader.kiwoom.auth.client.KiwoomAuthInterceptor;
import io.github.ktrader.kiwoom.auth.client.KiwoomClient;
import io.github.ktrader.kiwoom.auth.client.KiwoomRestClientConfigurer;
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

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Cost of the starter on a whole Kiwoom call: a ka10001 POST to a loopback server through
 * the auto-configured {@link KiwoomClient#restClient()}, against the same call on a plain
 * {@link RestClient} that sends a fixed {@code authorization} header.
 * <p>
 * Both clients come from the same application context's {@code RestClient.Builder}, use
 * the same request factory (on loopback, the JDK's HTTP/1.1 client with the starter's
 * timeouts), buffer the request body, post the same bytes and read the answer as a
 * {@code String}. With the {@code in-memory} transport the starter's client is built by
 * its {@link KiwoomRestClientConfigurer} around the auto-configured
 * {@link KiwoomAuthInterceptor}, as an application building its own client would.
 * {@code benchmarks/run} runs only the loopback transport: {@link WholeCallBenchmark}
 * measures the in-memory call at three answer sizes, against Spring Security as well.
 *
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class CallOverheadBenchmark {

	private static final String PATH = "/api/dostk/stkinfo";

	private static final byte[] BODY = "{\"stk_cd\":\"005930\"}".getBytes(StandardCharsets.UTF_8);

	/**
	 * Where the call goes: {@code loopback}, a real HTTP call to the loopback server, or
	 * {@code in-memory}, a request factory that answers at once, which isolates the
	 * clients' own cost from the network's noise.
	 */
	@Param({ "loopback", "in-memory" })
	public String transport;

	private LoopbackKiwoom kiwoom;

	private ConfigurableApplicationContext context;

	private RestClient kiwoomAuthClient;

	private RestClient fixedHeaderClient;

	/**
	 * Start the loopback server and the application, and make one call on each client so
	 * that the token is cached and the connections are open.
	 * @throws IOException if the server could not start
	 */
	@Setup
	public void setUp() throws IOException {
		this.kiwoom = LoopbackKiwoom.start();
		this.context = MinimalApplication.builder(true, "kiwoom.host=" + this.kiwoom.baseUrl()).run();
		ClientHttpRequestFactory requestFactory;
		if ("loopback".equals(this.transport)) {
			this.kiwoomAuthClient = this.context.getBean(KiwoomClient.class).restClient();
			requestFactory = ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
		}
		else {
			requestFactory = new CannedResponseRequestFactory();
			KiwoomRestClientConfigurer configurer = new KiwoomRestClientConfigurer(this.kiwoom.baseUrl(),
					requestFactory, this.context.getBean(KiwoomAuthInterceptor.class));
			this.kiwoomAuthClient = configurer.configure(this.context.getBean(RestClient.Builder.class)).build();
		}
		this.fixedHeaderClient = this.context.getBean(RestClient.Builder.class)
			.baseUrl(this.kiwoom.baseUrl())
			.requestFactory(requestFactory)
			.bufferContent((uri, method) -> true)
			.defaultHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
			.defaultHeader("authorization", "Bearer fixed-benchmark-token")
			.build();
		kiwoomAuth();
		fixedHeader();
	}

	/**
	 * Close the application (which revokes its token on the loopback server) and the
	 * server.
	 */
	@TearDown
	public void tearDown() {
		this.context.close();
		this.kiwoom.close();
	}

	/**
	 * Through the starter: token from the provider, answer checked for a rejection.
	 * @return the answer
	 */
	@Benchmark
	public String kiwoomAuth() {
		return post(this.kiwoomAuthClient);
	}

	/**
	 * Without the starter: a fixed {@code authorization} header.
	 * @return the answer
	 */
	@Benchmark
	public String fixedHeader() {
		return post(this.fixedHeaderClient);
	}

	private static String post(RestClient client) {
		return client.post().uri(PATH).header(KiwoomClient.API_ID, "ka10001").body(BODY).retrieve().body(String.class);
	}

}
