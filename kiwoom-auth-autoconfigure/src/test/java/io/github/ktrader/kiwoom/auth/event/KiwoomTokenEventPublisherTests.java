package io.github.ktrader.kiwoom.auth.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.IssueReason;
import io.github.ktrader.kiwoom.auth.KiwoomAuthException;
import io.github.ktrader.kiwoom.auth.KiwoomErrorKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KiwoomTokenEventPublisher} and the events it publishes.
 */
class KiwoomTokenEventPublisherTests {

	private static final String TOKEN_VALUE = "secret-token-value-0123456789";

	private static final AccessToken TOKEN = new AccessToken(TOKEN_VALUE, Instant.parse("2025-01-02T00:00:00Z"));

	private final List<Object> events = new ArrayList<>();

	private final KiwoomTokenEventPublisher publisher = new KiwoomTokenEventPublisher(this.events::add);

	@Test
	void issuedOnFirstUsePublishesIssuedEvent() {
		this.publisher.issued(TOKEN, IssueReason.FIRST_USE, Duration.ofMillis(120));
		assertThat(this.events).singleElement().isExactlyInstanceOf(KiwoomTokenIssuedEvent.class);
		KiwoomTokenIssuedEvent event = (KiwoomTokenIssuedEvent) this.events.get(0);
		assertThat(event.getReason()).isEqualTo(IssueReason.FIRST_USE);
		assertThat(event.getMaskedToken()).isEqualTo("secr****");
		assertThat(event.getExpiresAt()).isEqualTo(TOKEN.expiresAt());
		assertThat(event.getElapsed()).isEqualTo(Duration.ofMillis(120));
		assertThat(event.getSource()).isSameAs(this.publisher);
		assertThat(event).hasToString(
				"KiwoomTokenIssuedEvent[token=secr****, expiresAt=2025-01-02T09:00+09:00, elapsed=PT0.12S, reason=FIRST_USE]");
	}

	@Test
	void issuedByRenewalPublishesRenewedEventWhichIsAnIssuedEvent() {
		this.publisher.issued(TOKEN, IssueReason.RENEWAL, Duration.ZERO);
		assertThat(this.events).singleElement().isInstanceOf(KiwoomTokenIssuedEvent.class);
		assertThat(this.events.get(0)).isExactlyInstanceOf(KiwoomTokenRenewedEvent.class);
		assertThat(((KiwoomTokenRenewedEvent) this.events.get(0)).getReason()).isEqualTo(IssueReason.RENEWAL);
	}

	@Test
	void failedRenewalPublishesRenewalFailedEvent() {
		KiwoomAuthException failure = new KiwoomAuthException(KiwoomErrorKind.IO_ERROR, "no answer", null);
		this.publisher.issueFailed(failure, IssueReason.RENEWAL, Duration.ofSeconds(1));
		assertThat(this.events).singleElement().isExactlyInstanceOf(KiwoomTokenRenewalFailedEvent.class);
		KiwoomTokenRenewalFailedEvent event = (KiwoomTokenRenewalFailedEvent) this.events.get(0);
		assertThat(event.getFailure()).isSameAs(failure);
		assertThat(event.getKind()).isEqualTo(KiwoomErrorKind.IO_ERROR);
		assertThat(event.getMaskedToken()).isNull();
		assertThat(event.toString()).contains("kind=IO_ERROR").contains("no answer");
	}

	@Test
	void failedFirstIssuePublishesIssueFailedEvent() {
		this.publisher.issueFailed(new IllegalStateException("boom"), IssueReason.FIRST_USE, Duration.ZERO);
		assertThat(this.events).singleElement().isExactlyInstanceOf(KiwoomTokenIssueFailedEvent.class);
		KiwoomTokenIssueFailedEvent event = (KiwoomTokenIssueFailedEvent) this.events.get(0);
		assertThat(event.getKind()).isNull();
		assertThat(event.getReason()).isEqualTo(IssueReason.FIRST_USE);
	}

	@Test
	void rejectedRevokedAndRevokeFailedPublishTheirEvents() {
		TimeoutException timeout = new TimeoutException();
		this.publisher.rejected(TOKEN);
		this.publisher.revoked(TOKEN, Duration.ofMillis(5));
		this.publisher.revokeFailed(TOKEN, timeout, Duration.ofSeconds(5));
		assertThat(this.events).hasSize(3);
		assertThat(this.events.get(0)).isInstanceOf(KiwoomTokenRejectedEvent.class);
		assertThat(this.events.get(1)).isInstanceOf(KiwoomTokenRevokedEvent.class);
		assertThat(this.events.get(2)).isInstanceOf(KiwoomTokenRevokeFailedEvent.class);
		assertThat(((KiwoomTokenRevokeFailedEvent) this.events.get(2)).getFailure()).isSameAs(timeout);
		assertThat(this.events).allSatisfy((event) -> {
			assertThat(((KiwoomTokenEvent) event).getMaskedToken()).isEqualTo("secr****");
			assertThat(event.toString()).doesNotContain(TOKEN_VALUE).contains("secr****");
		});
	}

}
