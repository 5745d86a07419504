package io.github.ktrader.kiwoom.auth.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Kiwoom TR an HTTP service method calls, sent as the {@code api-id} header:
 * <pre class="code">
 * &#64;HttpExchange("/api/dostk")
 * interface StockApi {
 *
 *     &#64;KiwoomApi("ka10001")
 *     &#64;PostExchange("/stkinfo")
 *     StockInfo stockInfo(&#64;RequestBody Map&lt;String, String&gt; body);
 *
 * }
 * </pre> Read by {@link KiwoomApiIdProcessor}, which the starter adds to the Kiwoom HTTP
 * service group. On an interface it applies to every method that has none of its own. An
 * {@code api-id} header passed as a method argument wins.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KiwoomApi {

	/**
	 * The TR id, such as {@code ka10001}.
	 * @return the TR id
	 */
	String value();

}
