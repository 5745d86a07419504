package io.github.ktrader.kiwoom.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of one Kiwoom call, read from the HTTP status, {@code return_code} and the code
 * in brackets in {@code return_msg}.
 * <p>
 * Kiwoom usually reports errors as HTTP 200 with a non-zero {@code return_code} and the
 * real code in brackets ({@code "인증에 실패했습니다[8005:Token이 유효하지 않습니다]"}), sometimes with the
 * inner code in {@code return_code} itself, and {@code return_code} may be a number or a
 * numeric string.
 *
 * @param httpStatus the HTTP status code
 * @param returnCode {@code return_code} as Kiwoom sent it, or {@code null} when absent
 * @param code the most specific Kiwoom code: the bracketed one, else {@code return_code}
 * when numeric, else {@code null}
 * @param message {@code return_msg}, or {@code null} when absent
 * @since 0.1.0
 */
public record KiwoomStatus(int httpStatus, @Nullable String returnCode, @Nullable Integer code,
		@Nullable String message) {

	private static final Pattern BRACKETED_CODE = Pattern.compile("\\[\\s*(\\d{1,6})\\s*:");

	/**
	 * Read the outcome of a call.
	 * @param httpStatus the HTTP status code
	 * @param returnCode {@code return_code} as parsed from JSON (a number or a string),
	 * or {@code null}
	 * @param returnMsg {@code return_msg}, or {@code null}
	 * @return the status
	 */
	public static KiwoomStatus of(int httpStatus, @Nullable Object returnCode, @Nullable String returnMsg) {
		String rawCode = (returnCode != null) ? returnCode.toString().trim() : null;
		Integer outerCode = (rawCode != null) ? parseCode(rawCode) : null;
		// A zero return_code is success whatever the message says; otherwise the
		// bracketed
		// code is the specific one.
		Integer bracketed = bracketedCode(returnMsg);
		Integer code = (outerCode != null && outerCode == 0 || bracketed == null) ? outerCode : bracketed;
		return new KiwoomStatus(httpStatus, rawCode, code, returnMsg);
	}

	private static @Nullable Integer bracketedCode(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = BRACKETED_CODE.matcher(message);
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	private static @Nullable Integer parseCode(String rawCode) {
		try {
			return Integer.valueOf(rawCode);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Return whether the call succeeded: a 2xx status and a zero or absent
	 * {@code return_code}.
	 * @return {@code true} on success
	 */
	public boolean isSuccess() {
		boolean ok = this.httpStatus >= 200 && this.httpStatus < 300;
		if (this.returnCode == null) {
			return ok && this.code == null;
		}
		return ok && this.code != null && this.code == 0;
	}

	/**
	 * Return what kind of error this is, or {@code null} on success.
	 * @return the error kind
	 */
	public @Nullable KiwoomErrorKind errorKind() {
		if (isSuccess()) {
			return null;
		}
		if (this.code != null && this.code != 0) {
			KiwoomErrorKind kind = KiwoomErrorKind.ofCode(this.code);
			if (kind != KiwoomErrorKind.OTHER) {
				return kind;
			}
		}
		if (rateLimitRefusal() != null) {
			return KiwoomErrorKind.RATE_LIMITED;
		}
		if (this.httpStatus == 401) {
			return KiwoomErrorKind.UNAUTHORIZED;
		}
		if (this.httpStatus >= 500) {
			return KiwoomErrorKind.SERVER_ERROR;
		}
		return KiwoomErrorKind.OTHER;
	}

	/**
	 * Return the rate refusal this answer states, by the one rule of
	 * {@link RateLimitRefusal#of(KiwoomStatus)}.
	 * @return the refusal, or {@code null} when this is no rate refusal
	 */
	public @Nullable RateLimitRefusal rateLimitRefusal() {
		return (isSuccess()) ? null : RateLimitRefusal.of(this);
	}

	/**
	 * Describe the status for an error message: HTTP status, {@code return_code}, and
	 * Kiwoom's message.
	 * @return the description
	 */
	public String describe() {
		StringBuilder description = new StringBuilder("HTTP ").append(this.httpStatus);
		if (this.returnCode != null) {
			description.append(", return_code ").append(this.returnCode);
		}
		if (this.code != null && !String.valueOf(this.code).equals(this.returnCode)) {
			description.append(", code ").append(this.code);
		}
		if (this.message != null) {
			description.append(", \"").append(this.message).append('"');
		}
		return description.toString();
	}

}
