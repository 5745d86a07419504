package io.github.ktrader.kiwoom.auth.realtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives real-time events, the way {@code @EventListener}
 * marks one for application events. The method takes one {@link RealtimeEvent}; it runs
 * on the session's listener pool. Attributes may hold {@code ${…}} placeholders; a bad
 * attribute fails startup naming the bean and the method. <pre class="code">
 * &#64;KiwoomRealtimeListener(type = "0B", items = "${app.watch}")
 * void onTick(RealtimeEvent event) { … }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KiwoomRealtimeListener {

	/**
	 * Kiwoom's real-time type, such as {@code 0B} (주식체결), {@code 0D} (호가잔량), {@code 00}
	 * (주문체결) or {@code 04} (잔고).
	 * @return the type
	 */
	String type();

	/**
	 * Stock codes; each value may be a placeholder and may hold several codes separated
	 * by commas. None for {@code 00} and {@code 04}.
	 * @return the items
	 */
	String[] items() default {};

	/**
	 * Key pair whose socket to use: empty for the default pair, or a name under
	 * {@code kiwoom.accounts}.
	 * @return the pair's name
	 */
	String account() default "";

}
