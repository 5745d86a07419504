package io.github.ktrader.kiwoom.auth.realtime;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a real-time session stands, for health and diagnostics; never holds the token.
 *
 * @param state the session's state
 * @param subscriptions how many subscriptions are live
 * @param lastFrameAt when the last frame was read, or {@code null} before the first
 * @param reconnects how many times the session scheduled a new connection
 * @param lastError what went wrong last, or {@code null} once logged in
 * @since 0.1.0
 */
public record RealtimeStatus(RealtimeState state, int subscriptions, @Nullable Instant lastFrameAt, long reconnects,
		@Nullable String lastError) {

}
