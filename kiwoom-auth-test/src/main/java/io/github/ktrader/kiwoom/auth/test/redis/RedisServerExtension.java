package io.github.ktrader.kiwoom.auth.test.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * JUnit Jupiter extension that runs one {@link RedisServer} per test class: a real
 * {@code redis-server} process on a free loopback port, started before the first test and
 * stopped after the last.
 * <p>
 * The binary is {@code $REDIS_SERVER} when set, else {@code redis-server} on the
 * {@code PATH}, {@code /usr/bin} or {@code /usr/local/bin}. Without one, the test class
 * is <em>aborted</em> (reported as skipped) with a message on standard error that says
 * how to install it, except when the environment has {@code CI=true}: there a missing
 * binary fails the class, so that a CI run cannot pass on skipped Redis tests.
 * <p>
 * Tests receive the server as a {@code RedisServer} parameter, or through
 * {@link #server()} from a {@code static} field: <pre class="code">
 * &#64;RegisterExtension
 * static RedisServerExtension redis = new RedisServerExtension();
 *
 * &#64;Test
 * void survivesRestart() {
 *     redis.server().restart();
 *     // ...
 * }
 * </pre> Keys carry over from one test to the next; call {@link RedisServer#flushAll()}
 * where a test depends on an empty server.
 *
 * @since 0.1.0
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final List<String> SEARCHED = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");

	private final Function<String, @Nullable String> environment;

	private volatile @Nullable RedisServer server;

	private volatile @Nullable String startedBy;

	/**
	 * Create an extension that reads the process environment; this is the constructor
	 * {@code @ExtendWith} uses.
	 */
	public RedisServerExtension() {
		this(System::getenv);
	}

	RedisServerExtension(Function<String, @Nullable String> environment) {
		Assert.notNull(environment, "Environment must not be null");
		this.environment = environment;
	}

	/**
	 * Return the running server, for use from a {@code @RegisterExtension} field.
	 * @return the server of the test class that is running
	 * @throws IllegalStateException when no test class of this extension is running
	 */
	public RedisServer server() {
		RedisServer server = this.server;
		Assert.state(server != null, "redis-server is not running: it starts before the test class");
		return server;
	}

	/**
	 * Start the server, or abort (fail on CI) the class when there is no binary.
	 * @param context the class's context
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.server != null) {
			return;
		}
		Path binary = findBinary();
		if (binary == null) {
			String message = "redis-server not found (searched $REDIS_SERVER, PATH, " + String.join(", ", SEARCHED)
					+ "): the Redis tests of " + context.getDisplayName()
					+ " need it. Install it with 'apt-get install -y redis-server'.";
			if ("true".equalsIgnoreCase(this.environment.apply("CI"))) {
				throw new IllegalStateException(message + " CI=true, so this is a failure, not a skip.");
			}
			System.err.println("*** SKIPPED: " + message);
			throw new TestAbortedException(message);
		}
		this.server = RedisServer.start(binary);
		this.startedBy = context.getUniqueId();
	}

	/**
	 * Stop the server when this class started it.
	 * @param context the class's context
	 */
	@Override
	public void afterAll(ExtensionContext context) {
		// A @Nested class shares the server of the class that started it
		if (!context.getUniqueId().equals(this.startedBy)) {
			return;
		}
		RedisServer server = this.server;
		this.server = null;
		if (server != null) {
			server.close();
		}
	}

	/**
	 * Return whether the parameter is a {@link RedisServer}.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return whether this extension supplies the parameter
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	/**
	 * Return the server of the running test class.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return the server
	 */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server();
	}

	@Nullable Path findBinary() {
		String configured = this.environment.apply("REDIS_SERVER");
		if (StringUtils.hasText(configured)) {
			Path path = Path.of(configured);
			return Files.isExecutable(path) ? path : null;
		}
		String pathVariable = this.environment.apply("PATH");
		if (StringUtils.hasText(pathVariable)) {
			for (String directory : pathVariable.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		for (String candidate : SEARCHED) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

}
