package io.github.ktrader.kiwoom.auth.client;

import org.jspecify.annotations.Nullable;

/**
 * One page of a continuous query (연속조회): the answer together with the paging headers
 * Kiwoom sent with it.
 *
 * @param <T> the answer type
 * @param body the answer, bound to the caller's type
 * @param contYn the {@code cont-yn} answer header ({@code Y} when more pages follow), or
 * {@code null} if absent
 * @param nextKey the {@code next-key} answer header, to be sent back for the next page,
 * or {@code null} if absent
 * @since 0.1.0
 */
public record KiwoomPage<T>(T body, @Nullable String contYn, @Nullable String nextKey) {

	/**
	 * Return whether Kiwoom has another page: {@code cont-yn: Y} and a {@code next-key}.
	 * @return whether to ask for the next page
	 */
	public boolean hasNext() {
		return "Y".equalsIgnoreCase(this.contYn) && this.nextKey != null && !this.nextKey.isBlank();
	}

}
