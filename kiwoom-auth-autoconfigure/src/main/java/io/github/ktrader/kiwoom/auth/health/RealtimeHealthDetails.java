package io.github.ktrader.kiwoom.auth.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ktrader.kiwoom.auth.AccessToken;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeState;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code realtime} detail of a pair's health: the state of its real-time session, its
 * subscriptions, the time of its last frame and its reconnects. A session stopped for
 * good ({@code FAILED}: the keys, environment or IP must be fixed) makes the pair
 * {@code DOWN}; a kick or a back-off shows in the detail only, since calls over REST
 * still work.
 */
final class RealtimeHealthDetails {

	private RealtimeHealthDetails() {
	}

	static Health with(Health health, @Nullable RealtimeStatus realtime) {
		if (realtime == null || realtime.state() == RealtimeState.IDLE) {
			return health;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", realtime.state().name());
		details.put("subscriptions", realtime.subscriptions());
		Instant lastFrame = realtime.lastFrameAt();
		if (lastFrame != null) {
			details.put("lastFrameAt", lastFrame.atZone(AccessToken.KIWOOM_ZONE).toOffsetDateTime().toString());
		}
		details.put("reconnects", realtime.reconnects());
		if (realtime.lastError() != null) {
			details.put("lastError", realtime.lastError());
		}
		Status status = (realtime.state() == RealtimeState.FAILED) ? Status.DOWN : health.getStatus();
		return Health.status(status).withDetails(health.getDetails()).withDetail("realtime", details).build();
	}

}
