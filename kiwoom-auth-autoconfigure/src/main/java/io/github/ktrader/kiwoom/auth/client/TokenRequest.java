package io.github.ktrader.kiwoom.auth.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of au10001. Field order follows Kiwoom's guide.
 */
record TokenRequest(@JsonProperty("grant_type") String grantType, @JsonProperty("appkey") String appkey,
		@JsonProperty("secretkey") String secretkey) {

	@Override
	public String toString() {
		return "TokenRequest[grant_type=" + this.grantType + "]";
	}

}
