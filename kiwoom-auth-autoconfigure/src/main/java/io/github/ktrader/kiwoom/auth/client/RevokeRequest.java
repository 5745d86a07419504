package io.github.ktrader.kiwoom.auth.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of au10002. Field order follows Kiwoom's guide.
 */
record RevokeRequest(@JsonProperty("appkey") String appkey, @JsonProperty("secretkey") String secretkey,
		@JsonProperty("token") String token) {

	@Override
	public String toString() {
		return "RevokeRequest[****]";
	}

}
