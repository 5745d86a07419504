package io.github.ktrader.kiwoom.auth.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BodyPrefix}.
 */
class BodyPrefixTests {

	@Test
	void smallBodyIsReadWhole() {
		BodyPrefix prefix = BodyPrefix.read(Flux.just(buffer("{\"return_code\":"), buffer("5}")), 100)
			.block(Duration.ofSeconds(1));
		assertThat(new String(prefix.whole(), StandardCharsets.UTF_8)).isEqualTo("{\"return_code\":5}");
		assertThat(text(prefix.body())).isEqualTo("{\"return_code\":5}");
	}

	@Test
	void emptyBodyIsReadWhole() {
		BodyPrefix prefix = BodyPrefix.read(Flux.empty(), 100).block(Duration.ofSeconds(1));
		assertThat(prefix.whole()).isEmpty();
	}

	@Test
	void largeBodyIsJudgedAfterTheLimitWithoutWaitingForTheRest() {
		Sinks.Many<DataBuffer> source = Sinks.many().unicast().onBackpressureBuffer();
		AtomicInteger emitted = new AtomicInteger();
		Mono<BodyPrefix> read = BodyPrefix.read(source.asFlux().doOnNext((buffer) -> emitted.incrementAndGet()), 10)
			.cache();
		read.subscribe();
		source.tryEmitNext(buffer("0123456"));
		assertThat(read.toFuture()).isNotDone();
		source.tryEmitNext(buffer("789abc"));
		// Past the limit: judged with the rest of the answer not yet received
		BodyPrefix prefix = read.block(Duration.ofSeconds(1));
		assertThat(prefix.whole()).isNull();
		assertThat(emitted).hasValue(2);
		source.tryEmitNext(buffer("def"));
		source.tryEmitComplete();
		assertThat(text(prefix.body())).isEqualTo("0123456789abcdef");
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(Flux<DataBuffer> body) {
		return DataBufferUtils.join(body)
			.map((buffer) -> buffer.toString(StandardCharsets.UTF_8))
			.block(Duration.ofSeconds(1));
	}

}
