package io.github.ktrader.kiwoom.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of au10001's answer. Every field may be missing from a broken answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(@JsonProperty("expires_dt") @Nullable String expiresDt,
		@JsonProperty("token_type") @Nullable String tokenType, @JsonProperty("token") @Nullable String token,
		@JsonProperty("return_code") @Nullable Object returnCode,
		@JsonProperty("return_msg") @Nullable String returnMsg) {

	@Override
	public String toString() {
		return "TokenResponse[expires_dt=" + this.expiresDt + ", return_code=" + this.returnCode + "]";
	}

}
