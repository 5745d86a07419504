package io.github.ktrader.kiwoom.auth.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless the application declares a {@code @Primary} bean of the given type: the
 * one clear sign that it replaces the starter's bean rather than adds one of its own
 * (such as a client for another host), which must not redirect the default pair's calls.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnNoReplacementCondition.class)
@interface ConditionalOnNoReplacement {

	/**
	 * Type of the starter's bean.
	 * @return the type
	 */
	Class<?> value();

}
