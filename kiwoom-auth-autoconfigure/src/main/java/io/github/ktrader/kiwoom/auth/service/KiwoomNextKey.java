package io.github.ktrader.kiwoom.auth.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code String} parameter of an HTTP service method that carries the
 * {@code next-key} of a continuous query (연속조회): when it is not empty, the request
 * carries {@code cont-yn: Y} and {@code next-key: <value>}; when it is {@code null}, the
 * request asks for the first page. <pre class="code">
 * &#64;KiwoomApi("ka10081")
 * &#64;PostExchange("/chart")
 * KiwoomPage&lt;DailyChart&gt; dailyChart(&#64;RequestBody ChartRequest request, &#64;KiwoomNextKey &#64;Nullable String nextKey);
 * </pre> Read by {@link KiwoomNextKeyArgumentResolver}, which the starter adds to the
 * Kiwoom HTTP service group.
 *
 * @since 0.1.0
 * @see KiwoomPageExchangeAdapter
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KiwoomNextKey {

}
