package io.github.ktrader.kiwoom.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Reads Kiwoom's JSON answers for a {@code RestClient} configured by
 * {@link KiwoomRestClientConfigurer}, and turns a binding failure into a
 * {@link KiwoomApiException} that names the type, the TR and the field, never the answer:
 * Spring's own exception quotes Jackson's message, which may quote the answer. Reads
 * only: writes, and reads as {@code String} or bytes, stay with the client's other
 * converters.
 */
final class KiwoomJsonConverter extends JacksonJsonHttpMessageConverter {

	KiwoomJsonConverter(JsonMapper jsonMapper) {
		super(jsonMapper);
	}

	@Override
	public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
		Class<?> target = type.toClass();
		if (target == String.class || target == byte[].class || InputStream.class.isAssignableFrom(target)
				|| Resource.class.isAssignableFrom(target)) {
			return false;
		}
		return super.canRead(type, mediaType);
	}

	@Override
	public boolean canWrite(ResolvableType type, Class<?> valueClass, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	public Object read(ResolvableType type, HttpInputMessage inputMessage, @Nullable Map<String, Object> hints)
			throws IOException {
		try {
			return super.read(type, inputMessage, hints);
		}
		catch (HttpMessageConversionException ex) {
			if (inputMessage.getBody() instanceof KiwoomResponseBody body) {
				throw body.response().bindingFailure(type.toString(), ex.getCause());
			}
			throw ex;
		}
	}

}
