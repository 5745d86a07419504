package io.github.ktrader.kiwoom.auth.realtime;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One key pair's real-time session (실시간시세): subscriptions to Kiwoom's real-time types,
 * over one socket logged in with the pair's access token.
 * <p>
 * The socket opens on the first subscription. Subscriptions of the same type and item
 * share one registration (REG); the last one to close sends REMOVE. After a reconnect
 * every live subscription is registered again and hears about the gap.
 *
 * @since 0.1.0
 */
public interface KiwoomRealtime {

	/**
	 * Subscribe to a real-time type for some items.
	 * @param type Kiwoom's real-time type, such as {@code 0B} (주식체결) or {@code 00} (주문체결)
	 * @param items the stock codes (with {@code _NX} or {@code _AL} for NXT or SOR); none
	 * for the account types {@code 00} and {@code 04}
	 * @param listener what receives the events
	 * @return the subscription, to close when done
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if the pair has no real-time address
	 */
	RealtimeSubscription subscribe(String type, Collection<String> items, RealtimeListener listener);

	/**
	 * List the conditions (조건검색식) saved in Kiwoom's HTS for this key pair
	 * ({@code CNSRLST}).
	 * @return the conditions, once Kiwoom answered
	 */
	CompletableFuture<List<KiwoomCondition>> conditions();

	/**
	 * Run a condition once ({@code CNSRREQ}, {@code search_type} 0), reading every page
	 * of the answer.
	 * @param seq the condition's number
	 * @return the matching stocks as events of type {@code 02} (item: the code; FIDs
	 * 9001, 302, 10, …)
	 */
	CompletableFuture<List<RealtimeEvent>> search(String seq);

	/**
	 * Run a condition in real time ({@code CNSRREQ}, {@code search_type} 1): the listener
	 * gets the current matches, then every stock entering ({@code 843} = {@code I}) or
	 * leaving ({@code D}) as events of type {@code 02}. Sent again after each reconnect;
	 * closing the last subscription of the condition sends {@code CNSRCLR}.
	 * @param seq the condition's number
	 * @param listener what receives the events
	 * @return the subscription, to close when done
	 */
	RealtimeSubscription subscribeCondition(String seq, RealtimeListener listener);

	/**
	 * Return the name of the key pair: {@code default} or its name under
	 * {@code kiwoom.accounts}.
	 * @return the pair's name
	 */
	String account();

	/**
	 * Return where the session stands.
	 * @return the state
	 */
	RealtimeState state();

}
