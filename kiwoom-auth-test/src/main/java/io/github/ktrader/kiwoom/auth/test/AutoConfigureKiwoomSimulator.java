package io.github.ktrader.kiwoom.auth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link KiwoomSimulator} for a Spring test's application context and points the
 * {@code kiwoom.*} properties at it.
 * <p>
 * Before the context refreshes, a simulator starts and the environment gets
 * {@code kiwoom.host} (its {@link KiwoomSimulator#url() url}), {@code kiwoom.appkey},
 * {@code kiwoom.secretkey} and {@code kiwoom.realtime.url} (its
 * {@link KiwoomSimulator#realtimeUrl() real-time socket}), ahead of every other property
 * source. The simulator is a bean, so the test can {@code @Autowired} it, and it closes
 * with the context. Test classes with equal attributes share one cached context and so
 * one simulator, with its recorded requests, faults and tokens. <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureKiwoomSimulator
 * class QuoteServiceTests {
 *
 *     &#64;Autowired
 *     KiwoomSimulator kiwoom;
 *
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureKiwoomSimulator {

	/**
	 * App key the simulator accepts; empty for a random one.
	 * @return the app key
	 */
	String appkey() default "";

	/**
	 * Secret key the simulator accepts; empty for a random one.
	 * @return the secret key
	 */
	String secretkey() default "";

	/**
	 * How the simulator answers an issue while a token is valid.
	 * @return the re-issue behaviour
	 */
	ReissueBehavior reissueBehavior() default ReissueBehavior.FRESH;

	/**
	 * Names of more key pairs, each served by a simulator of its own with random keys:
	 * the environment gets {@code kiwoom.accounts.<name>.host}, {@code .appkey},
	 * {@code .secretkey} and {@code .realtime.url}, and the simulator is a bean that the
	 * test injects with {@code @Qualifier("<name>")} (injection by type still gets the
	 * default pair's).
	 * @return the names of the named pairs
	 */
	String[] accounts() default {};

}
