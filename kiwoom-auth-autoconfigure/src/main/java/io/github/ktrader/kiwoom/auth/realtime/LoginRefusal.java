package io.github.ktrader.kiwoom.auth.realtime;

import java.util.List;
import java.util.Locale;

import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * What a refused LOGIN or a SYSTEM frame means for the session: the one place that
 * decides between a dead token, a kick, a configuration to fix, and anything else.
 */
enum LoginRefusal {

	/**
	 * The token is no longer valid: drop it through the provider and log in again.
	 */
	TOKEN,

	/**
	 * Another session logged in with the same app key and took this socket.
	 */
	KICKED,

	/**
	 * The keys, the environment or the IP address are wrong: no retry helps.
	 */
	FATAL,

	/**
	 * Anything else: try again after a back-off.
	 */
	OTHER;

	/**
	 * Judge a refused LOGIN by the codes it carries: Kiwoom's client treats 8005, 8031
	 * and 8103 in {@code return_code} or as {@code CODE=<n>} in {@code return_msg} as a
	 * token problem.
	 */
	static LoginRefusal ofLogin(List<Integer> codes) {
		LoginRefusal refusal = OTHER;
		for (Integer code : codes) {
			KiwoomErrorKind kind = KiwoomErrorKind.ofCode(code);
			if (kind == KiwoomErrorKind.TOKEN_REJECTED) {
				return TOKEN;
			}
			if (kind.isFatal()) {
				refusal = FATAL;
			}
		}
		return refusal;
	}

	/**
	 * Return the kind of the first code that names one, for the advice.
	 */
	static @Nullable KiwoomErrorKind kindOf(List<Integer> codes) {
		for (Integer code : codes) {
			KiwoomErrorKind kind = KiwoomErrorKind.ofCode(code);
			if (kind != KiwoomErrorKind.OTHER) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * Judge a SYSTEM frame: {@code R10001} with "동일한 App key…" is a kick; with another
	 * text it has meant a bad app key; the others ({@code R10002} missed heartbeats,
	 * {@code R10004} no LOGIN in time) end the session, and a new one may be tried.
	 */
	static @Nullable LoginRefusal ofSystem(@Nullable String code, @Nullable String message) {
		if (code == null) {
			return null;
		}
		if (code.equals("R10001")) {
			return isSameAppKey(message) ? KICKED : FATAL;
		}
		if (code.startsWith("R1000")) {
			return OTHER;
		}
		return null;
	}

	private static boolean isSameAppKey(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String normalized = message.replace(" ", "").toLowerCase(Locale.ROOT);
		return normalized.contains("동일한appkey");
	}

}
