package io.github.ktrader.kiwoom.auth.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the parser-free check of {@link KiwoomStatusReader} recognises only a zero
 * top-level {@code return_code}, and agrees with the parser.
 */
class KiwoomStatusReaderFastPathTests {

	private final KiwoomStatusReader reader = new KiwoomStatusReader(JsonMapper.shared());

	@ParameterizedTest
	@ValueSource(strings = { "{\"stk_cd\":\"005930\",\"return_code\":0,\"return_msg\":\"정상적으로 처리되었습니다\"}",
			"{\"return_code\":\"0000\"}", "{ \"return_code\" : \" 0 \" }", "{\"return_code\":0}",
			"{\"a\":{\"return_code\":2},\"b\":\"}{\\\"\",\"return_code\":0}",
			"{\"return_code\":3,\"x\":[1,2],\"return_code\":0}", "{\"return_code\":0,\"return_msg\":\"[8005:무시됨]\"}" })
	void zeroTopLevelReturnCodeIsSuccessWithoutAParser(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		assertThat(KiwoomStatusReader.hasZeroReturnCode(bytes)).isTrue();
		assertThat(this.reader.read(200, bytes).isSuccess()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"return_code\":3,\"return_msg\":\"인증에 실패했습니다[8005:Token이 유효하지 않습니다]\"}",
			"{\"return_code\":\"0003\"}", "{\"return_code\":00.5}", "{\"return_code\":\"0x\"}",
			"{\"data\":{\"return_code\":0},\"return_code\":2}", "{\"return_code\":0,\"return_code\":5}",
			"[{\"return_code\":0}]", "{\"return_msg\":\"\\\"return_code\\\":0\"}", "{\"return_code\":0",
			"{\"return_code\":\"0", "", "<html>\"return_code\":0</html>", "{\"return_code\":null}" })
	void anythingElseGoesToTheParser(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		assertThat(KiwoomStatusReader.hasZeroReturnCode(bytes)).isFalse();
	}

}
