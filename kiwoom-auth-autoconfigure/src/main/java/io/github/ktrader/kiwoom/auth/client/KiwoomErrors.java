package io.github.ktrader.kiwoom.auth.client;

/**
 * What a {@link org.springframework.web.client.RestClient} configured by
 * {@link KiwoomRestClientConfigurer} does with Kiwoom's errors on {@code retrieve()}:
 * <pre class="code">
 * RestClient raw = kiwoomRestClientConfigurer.configure(builder, KiwoomErrors.RAW).build();
 * </pre>
 *
 * @since 0.1.0
 */
public enum KiwoomErrors {

	/**
	 * A Kiwoom error (an HTTP error status, a {@code return_code} other than zero, a
	 * bracketed code in {@code return_msg}) raises {@link KiwoomApiException}, as
	 * {@link KiwoomClient} does.
	 */
	RAISE,

	/**
	 * Kiwoom's answers come back as they are, errors included, and only an HTTP error
	 * status raises Spring's own exception; the token and its recovery still apply.
	 */
	RAW

}
