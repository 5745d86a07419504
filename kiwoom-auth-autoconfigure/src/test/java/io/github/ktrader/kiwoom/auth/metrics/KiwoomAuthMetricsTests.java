package io.github.ktrader.kiwoom.auth.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomAuthMetrics}.
 */
class KiwoomAuthMetricsTests {

	private static final String TOKEN_VALUE = "metric-token-0123456789";

	private static final AccessToken TOKEN = new AccessToken(TOKEN_VALUE, Instant.now().plusSeconds(3600));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final KiwoomAuthMetrics metrics = new KiwoomAuthMetrics(this.registry);

	@Test
	void rejectedCounterStartsAtZeroAndCountsRejections() {
		assertThat(this.registry.get(KiwoomAuthMetrics.REJECTED).counter().count()).isZero();
		this.metrics.rejected(TOKEN);
		this.metrics.rejected(TOKEN);
		assertThat(this.registry.get(KiwoomAuthMetrics.REJECTED).counter().count()).isEqualTo(2);
	}

	@Test
	void youngRejectionCounterStartsAtZeroAndCountsYoungRejections() {
		assertThat(this.registry.get(KiwoomAuthMetrics.REJECTED_YOUNG).counter().count()).isZero();
		this.metrics.rejectedYoung(TOKEN, Duration.ofMillis(300));
		assertThat(this.registry.get(KiwoomAuthMetrics.REJECTED_YOUNG).counter().count()).isOne();
	}

	@Test
	void issueIsTimedWithOutcomeAndReason() {
		this.metrics.issued(TOKEN, IssueReason.FIRST_USE, Duration.ofMillis(40));
		this.metrics.issued(TOKEN, IssueReason.RENEWAL, Duration.ofMillis(60));
		this.metrics.issueFailed(new KiwoomAuthException(KiwoomErrorKind.WRONG_ENVIRONMENT, "8030", null),
				IssueReason.REJECTED, Duration.ofMillis(10));
		assertThat(this.registry.get(KiwoomAuthMetrics.ISSUE)
			.tags("outcome", "success", "reason", "first_use")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
		assertThat(this.registry.get(KiwoomAuthMetrics.ISSUE)
			.tags("outcome", "success", "reason", "renewal")
			.timer()
			.count()).isOne();
		assertThat(this.registry.get(KiwoomAuthMetrics.ISSUE)
			.tags("outcome", "wrong_environment", "reason", "rejected")
			.timer()
			.count()).isOne();
	}

	@Test
	void revokeIsTimedWithOutcome() {
		this.metrics.revoked(TOKEN, Duration.ofMillis(5));
		this.metrics.revokeFailed(TOKEN, new TimeoutException(), Duration.ofSeconds(5));
		this.metrics.revokeFailed(TOKEN, new KiwoomAuthException(KiwoomErrorKind.REVOKE_FAILED, "8015", null),
				Duration.ofMillis(7));
		assertThat(this.registry.get(KiwoomAuthMetrics.REVOKE).tags("outcome", "success").timer().count()).isOne();
		assertThat(this.registry.get(KiwoomAuthMetrics.REVOKE).tags("outcome", "timeout").timer().count()).isOne();
		assertThat(this.registry.get(KiwoomAuthMetrics.REVOKE).tags("outcome", "revoke_failed").timer().count())
			.isOne();
	}

	@Test
	void outcomeIsOneOfAFewValues() {
		assertThat(KiwoomAuthMetrics.outcome(new KiwoomAuthException(KiwoomErrorKind.IO_ERROR, "x", null)))
			.isEqualTo("io_error");
		assertThat(KiwoomAuthMetrics.outcome(new KiwoomAuthException(KiwoomErrorKind.INVALID_CREDENTIALS, "x", null)))
			.isEqualTo("invalid_credentials");
		assertThat(KiwoomAuthMetrics.outcome(new IllegalStateException(TOKEN_VALUE))).isEqualTo("error");
	}

	@Test
	void noTagCarriesATokenOrMessage() {
		this.metrics.issued(TOKEN, IssueReason.FIRST_USE, Duration.ZERO);
		this.metrics.issueFailed(new IllegalStateException(TOKEN_VALUE), IssueReason.EXPIRED, Duration.ZERO);
		this.metrics.revoked(TOKEN, Duration.ZERO);
		for (Meter meter : this.registry.getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(tag.getValue()).doesNotContain(TOKEN_VALUE).doesNotContain("metr").matches("[a-z_]+");
			}
		}
	}

}
