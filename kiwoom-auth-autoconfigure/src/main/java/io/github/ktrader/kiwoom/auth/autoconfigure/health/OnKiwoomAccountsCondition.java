package io.github.ktrader.kiwoom.auth.autoconfigure.health;

import io.github.ktrader.kiwoom.auth.autoconfigure.KiwoomAuthProperties;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code kiwoom.accounts} declares named key pairs.
 */
abstract class OnKiwoomAccountsCondition extends SpringBootCondition {

	private final boolean expected;

	OnKiwoomAccountsCondition(boolean expected) {
		this.expected = expected;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean declared = Binder.get(context.getEnvironment())
			.bind("kiwoom.accounts", Bindable.mapOf(String.class, KiwoomAuthProperties.class))
			.map((accounts) -> !accounts.isEmpty())
			.orElse(false);
		String message = declared ? "kiwoom.accounts declares named key pairs" : "no kiwoom.accounts";
		return (declared == this.expected) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

	static final class Some extends OnKiwoomAccountsCondition {

		Some() {
			super(true);
		}

	}

	static final class None extends OnKiwoomAccountsCondition {

		None() {
			super(false);
		}

	}

}
