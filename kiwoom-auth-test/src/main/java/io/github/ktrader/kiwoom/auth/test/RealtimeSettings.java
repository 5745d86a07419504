package io.github.ktrader.kiwoom.auth.test;

import java.time.Duration;

/**
 * Knobs of the real-time socket that tests turn; read on every use, so a change applies
 * at once.
 */
final class RealtimeSettings {

	volatile Duration tickInterval = Duration.ofMillis(200);

	volatile boolean batchTicks;

	volatile Duration pingInterval = Duration.ofSeconds(10);

	volatile int missedPingLimit = 5;

	volatile Duration loginTimeout = Duration.ofSeconds(10);

	volatile Duration loginAnswerDelay = Duration.ZERO;

	volatile boolean returnCodesAsStrings;

	volatile TokenDeathPolicy onTokenDeath = TokenDeathPolicy.CLOSE;

	volatile int maxItemsPerSession = Integer.MAX_VALUE;

	volatile int conditionPageSize = 100;

	volatile boolean silenced;

	volatile boolean conditionListAsObjects;

}
