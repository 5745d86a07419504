package io.github.ktrader.kiwoom.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what {@link KiwoomAuthException} tells about Kiwoom's answer.
 */
class KiwoomAuthExceptionTests {

	@Test
	void carriesKiwoomsAnswer() {
		KiwoomStatus status = KiwoomStatus.of(200, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]");
		KiwoomAuthException ex = new KiwoomAuthException("au10001 (issue access token)", status,
				KiwoomErrorKind.INVALID_CREDENTIALS);
		assertThat(ex.getStatus()).isSameAs(status);
		assertThat(ex.getHttpStatus()).isEqualTo(200);
		assertThat(ex.getCode()).isEqualTo(8001);
		assertThat(ex.getKiwoomMessage()).isEqualTo(status.message());
		assertThat(ex.getKind()).isEqualTo(KiwoomErrorKind.INVALID_CREDENTIALS);
	}

	@Test
	void carriesNoAnswerWhenKiwoomGaveNone() {
		KiwoomAuthException ex = new KiwoomAuthException(KiwoomErrorKind.IO_ERROR, "no answer", null);
		assertThat(ex.getStatus()).isNull();
		assertThat(ex.getHttpStatus()).isZero();
		assertThat(ex.getCode()).isNull();
		assertThat(ex.getKiwoomMessage()).isNull();
	}

}
