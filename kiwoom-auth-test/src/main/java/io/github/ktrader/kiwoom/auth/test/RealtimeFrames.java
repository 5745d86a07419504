package io.github.ktrader.kiwoom.auth.test;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the frames the real-time socket sends, in Kiwoom's shapes.
 */
final class RealtimeFrames {

	static final String PING = "{\"trnm\":\"PING\"}";

	static final String SAME_APPKEY = "동일한 App key로 접속이 되었습니다. 기존 세션은 종료가 됩니다";

	static final String HEARTBEAT_MISSED = "서버와의 Heartbeat(연결유지) 메시지가 오지않아서 접속을 종료합니다";

	static final String LOGIN_MISSING = "접속허용요청이 들어오지 않았습니다";

	private static final Map<String, String> names = Map.of("0B", "주식체결", "0D", "주식호가잔량", "00", "주문체결", "04", "잔고",
			"02", "조건검색", "0A", "주식기세", "0C", "주식우선호가", "0J", "업종지수");

	private static final Map<Integer, String> loginRefusals = Map.of(8005, "Token이 유효하지 않습니다", 8031,
			"투자구분(실전/모의)이 다른 Token입니다", 8103, "토큰 인증에 실패했습니다", 8001, "App Key와 Secret Key 검증에 실패했습니다", 8010,
			"토큰을 발급받은 IP와 서비스를 요청한 IP가 동일하지 않습니다", 8030, "투자구분(실전/모의)이 달라서 처리할 수 없습니다", 8050, "지정단말기 인증에 실패했습니다");

	private final RealtimeSettings settings;

	RealtimeFrames(RealtimeSettings settings) {
		this.settings = settings;
	}

	String loginAccepted() {
		ObjectNode frame = answer("LOGIN", 0, "");
		frame.put("sor_yn", "Y");
		return Json.write(frame);
	}

	String loginRefused(int returnCode, String message) {
		return Json.write(answer("LOGIN", returnCode, message));
	}

	/**
	 * Writes the {@code return_msg} of a LOGIN refused with a guide code.
	 * @param code the guide code, e.g. 8005
	 * @return e.g. {@code 토큰 인증에 실패했습니다 [CODE=8005, MESSAGE=Token이 유효하지 않습니다]}
	 */
	static String loginRefusal(int code) {
		String detail = loginRefusals.getOrDefault(code, "인증에 실패했습니다");
		return "토큰 인증에 실패했습니다 [CODE=" + code + ", MESSAGE=" + detail + "]";
	}

	/**
	 * Writes a plain answer to a client frame.
	 * @param trnm the client frame's {@code trnm}
	 * @param code the return code
	 * @param message the return message
	 * @return the frame
	 */
	String answerText(String trnm, int code, String message) {
		return Json.write(answer(trnm, code, message));
	}

	ObjectNode answer(String trnm, int code, String message) {
		ObjectNode frame = Json.object();
		frame.put("trnm", trnm);
		if (this.settings.returnCodesAsStrings) {
			frame.put("return_code", Integer.toString(code));
		}
		else {
			frame.put("return_code", code);
		}
		frame.put("return_msg", message);
		return frame;
	}

	static String system(String code, String message) {
		ObjectNode frame = Json.object();
		frame.put("trnm", "SYSTEM");
		frame.put("code", code);
		frame.put("message", message);
		return Json.write(frame);
	}

	/**
	 * Writes a REAL frame with one entry.
	 * @param type the real-time type
	 * @param item the item
	 * @param values the FID values
	 * @return the frame
	 */
	static String real(String type, String item, Map<String, String> values) {
		return real(List.of(new Entry(type, item, values)));
	}

	/**
	 * Writes a REAL frame with several entries, as Kiwoom sometimes sends.
	 * @param entries the entries, in order
	 * @return the frame
	 */
	static String real(List<Entry> entries) {
		ObjectNode frame = Json.object();
		frame.put("trnm", "REAL");
		ArrayNode data = frame.putArray("data");
		for (Entry entry : entries) {
			ObjectNode element = data.addObject();
			element.put("type", entry.type());
			element.put("name", names.getOrDefault(entry.type(), ""));
			element.put("item", entry.item());
			ObjectNode fids = element.putObject("values");
			entry.values().forEach(fids::put);
		}
		return Json.write(frame);
	}

	/**
	 * One entry of a REAL frame.
	 *
	 * @param type the real-time type
	 * @param item the item
	 * @param values the FID values
	 */
	record Entry(String type, String item, Map<String, String> values) {

	}

}
