package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Answers a test set for TR ids: one answer, or pages walked with {@code cont-yn} and
 * {@code next-key}. Thread-safe.
 */
final class CannedAnswers {

	private final Map<String, List<Page>> answers = new ConcurrentHashMap<>();

	void set(String apiId, String json, Map<String, String> headers) {
		Assert.notNull(headers, "Headers must not be null");
		this.answers.put(validApiId(apiId), List.of(new Page(body(apiId, json), Map.copyOf(headers))));
	}

	void setPages(String apiId, List<String> pages) {
		validApiId(apiId);
		Assert.notEmpty(pages, "Pages must not be empty");
		List<Page> answer = new ArrayList<>();
		for (int index = 0; index < pages.size(); index++) {
			boolean last = index == pages.size() - 1;
			Map<String, String> headers = last ? Map.of("cont-yn", "N", "next-key", "")
					: Map.of("cont-yn", "Y", "next-key", key(apiId, index + 1));
			answer.add(new Page(body(apiId, pages.get(index)), headers));
		}
		this.answers.put(apiId, List.copyOf(answer));
	}

	/**
	 * Returns the answer to a request for a TR id.
	 * @return the reply, an input error (1517) for a {@code next-key} that names no page,
	 * or {@code null} when the TR id has no canned answer
	 */
	@Nullable Reply answer(String apiId, RecordedRequest request) {
		List<Page> pages = this.answers.get(apiId);
		if (pages == null) {
			return null;
		}
		int index = pageIndex(apiId, request, pages.size());
		if (index < 0) {
			return DataEndpoint.inputError(1517, "입력 값 형식이 올바르지 않습니다");
		}
		Page page = pages.get(index);
		Reply reply = Reply.ok(page.body().deepCopy());
		for (Map.Entry<String, String> header : page.headers().entrySet()) {
			reply = reply.withHeader(header.getKey(), header.getValue());
		}
		return reply;
	}

	private static int pageIndex(String apiId, RecordedRequest request, int pageCount) {
		if (pageCount == 1 || !"Y".equalsIgnoreCase(request.header("cont-yn"))) {
			return 0;
		}
		String key = request.header("next-key");
		for (int index = 1; index < pageCount; index++) {
			if (key(apiId, index).equals(key)) {
				return index;
			}
		}
		return -1;
	}

	private static String key(String apiId, int index) {
		return apiId + "-page-" + index;
	}

	private static String validApiId(String apiId) {
		Assert.hasText(apiId, "API id must not be empty");
		return apiId;
	}

	private static ObjectNode body(String apiId, String json) {
		Assert.notNull(json, "JSON must not be null");
		ObjectNode body = Json.parseObject(json);
		Assert.notNull(body, () -> "Canned response for " + apiId + " must be a JSON object");
		if (!body.has("return_code")) {
			body.put("return_code", KiwoomMessages.SUCCESS_CODE);
		}
		if (!body.has("return_msg")) {
			body.put("return_msg", KiwoomMessages.SUCCESS);
		}
		return body;
	}

	private record Page(ObjectNode body, Map<String, String> headers) {

	}

}
