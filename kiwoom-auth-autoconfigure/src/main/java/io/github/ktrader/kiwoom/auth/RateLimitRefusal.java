package io.github.ktrader.kiwoom.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A Kiwoom answer that refused a call for its rate, which Kiwoom did not process: the one
 * rule every call path uses to tell a rate refusal from any other answer.
 * <p>
 * A refusal is HTTP 429; or the code 1700 (per API id, {@code 유량=N}), 1701 (key-wide,
 * {@code 총유량=N}) or 1702 (per group of APIs, {@code 총유량=N, API_ID=…}), bracketed in
 * {@code return_msg} or as {@code return_code} itself; or a {@code return_code} 5 whose
 * message states an allowance ({@code 유량=}). A {@code return_code} 5 without these
 * markers (an input error) and 1634 (batch too large), which share its wording, are not
 * refusals and must never be sent again.
 *
 * @param code the Kiwoom code (1700, 1701 or 1702), or {@code null} for a bare HTTP 429
 * or an unbracketed {@code 유량=}
 * @param allowance the allowance Kiwoom stated ({@code 유량=N} or {@code 총유량=N}, calls per
 * second), or {@code null} when it stated none
 * @param keyWide whether the allowance is the app key's total (1701) rather than one API
 * id's
 * @param apiId the API id Kiwoom named ({@code API ID=ka10001}), or {@code null}
 * @since 0.1.0
 */
public record RateLimitRefusal(@Nullable Integer code, @Nullable Integer allowance, boolean keyWide,
		@Nullable String apiId) {

	/**
	 * Per-API-id refusal code ({@code 유량=N}).
	 */
	public static final int PER_API = 1700;

	/**
	 * Key-wide refusal code ({@code 총유량=N}).
	 */
	public static final int KEY_WIDE = 1701;

	/**
	 * Per-group refusal code ({@code 총유량=N, API_ID=…}).
	 */
	public static final int GROUP = 1702;

	private static final int RATE_RETURN_CODE = 5;

	private static final Pattern ALLOWANCE = Pattern.compile("(?<!총)유량\\s*=\\s*(\\d{1,6})");

	private static final Pattern TOTAL_ALLOWANCE = Pattern.compile("총유량\\s*=\\s*(\\d{1,6})");

	private static final Pattern API_ID = Pattern.compile("API[ _]?ID\\s*=\\s*([A-Za-z]{2}\\d{5})");

	/**
	 * Return the refusal an answer states, or {@code null} when it is no rate refusal.
	 * @param status the answer's status
	 * @return the refusal, or {@code null}
	 */
	public static @Nullable RateLimitRefusal of(KiwoomStatus status) {
		Integer code = status.code();
		String message = status.message();
		boolean refusal;
		if (code != null && (code == PER_API || code == KEY_WIDE || code == GROUP)) {
			refusal = true;
		}
		else if (code != null && code != RATE_RETURN_CODE && code != 0) {
			// Any other specific code (1634 among them) says what went wrong; only a
			// bare 429 still means the rate.
			refusal = status.httpStatus() == 429;
			code = null;
		}
		else {
			refusal = status.httpStatus() == 429
					|| (code != null && code == RATE_RETURN_CODE && message != null && message.contains("유량="));
			code = null;
		}
		if (!refusal) {
			return null;
		}
		boolean keyWide = code != null && code == KEY_WIDE;
		Integer allowance = null;
		String apiId = null;
		if (message != null) {
			Integer total = number(TOTAL_ALLOWANCE, message);
			Integer perApi = number(ALLOWANCE, message);
			allowance = (perApi != null) ? perApi : total;
			if (perApi == null && total != null && code == null) {
				// 총유량 without a code: the key's total, as 1701 states it
				keyWide = true;
			}
			Matcher matcher = API_ID.matcher(message);
			apiId = matcher.find() ? matcher.group(1) : null;
		}
		return new RateLimitRefusal(code, allowance, keyWide, apiId);
	}

	private static @Nullable Integer number(Pattern pattern, String message) {
		Matcher matcher = pattern.matcher(message);
		if (!matcher.find()) {
			return null;
		}
		int value = Integer.parseInt(matcher.group(1));
		return (value > 0) ? value : null;
	}

}
