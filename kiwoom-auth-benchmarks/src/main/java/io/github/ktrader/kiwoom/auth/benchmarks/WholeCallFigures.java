package io.github.ktrader.kiwoom.auth.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The figures the whole-call and first-byte benchmarks are run for: per answer size and
 * way of reading it, the three clients' scores and what kiwoom-auth and Spring Security
 * add to the floor, in time and in allocation.
 * <p>
 * Errors of differences combine the two 99.9 % half-widths in quadrature, as if they were
 * independent: read them as a rough band.
 */
final class WholeCallFigures {

	/**
	 * Answer sizes, smallest first, as the benchmarks' {@code answer} parameter names
	 * them.
	 */
	static final List<String> ANSWERS = List.of("ka10001", "ka10081-100k", "ka10081-1m");

	/**
	 * Ways of reading the answer, with the floor's, kiwoom-auth's and Spring Security's
	 * benchmark for each.
	 */
	static final List<Read> READS = List.of(
			new Read("String", "string", "floorString", "kiwoomAuthString", "springSecurityString"),
			new Read("record, KiwoomClient.post", "post", "floorRecord", "kiwoomAuthRecord", "springSecurityRecord"),
			new Read("record, retrieve().body", "retrieve", "floorRecord", "kiwoomAuthRestClientRecord",
					"springSecurityRecord"));

	/**
	 * Most allocation kiwoom-auth may add to a call, at any answer size.
	 */
	static final double ADDED_BYTES_TARGET = 256;

	private WholeCallFigures() {
	}

	/**
	 * Return a row per answer size and read found in the results, in the order of
	 * {@link #ANSWERS} then {@link #READS}.
	 */
	static List<Row> rows(List<JmhResult> results) {
		List<Row> rows = new ArrayList<>();
		for (String answer : ANSWERS) {
			for (Read read : READS) {
				JmhResult floor = find(results, read.floor(), answer);
				JmhResult kiwoom = find(results, read.kiwoomAuth(), answer);
				JmhResult spring = find(results, read.springSecurity(), answer);
				if (floor != null && kiwoom != null && spring != null) {
					rows.add(new Row(answer, answerBytes(answer), read.name(), floor, kiwoom, spring,
							PairedWholeCallBenchmark.kiwoomAuthMinusSpringSecurity(results, answer, read),
							PairedWholeCallBenchmark.kiwoomAuthAddedBytes(results, answer, read)));
				}
			}
		}
		return rows;
	}

	/**
	 * Return, per answer size found, what a do-nothing interceptor adds to the floor
	 * ({@code String} read): the part of any interceptor's cost that is the
	 * {@code RestClient}'s, not the interceptor's.
	 */
	static List<InterceptorTax> interceptorTax(List<JmhResult> results) {
		List<InterceptorTax> taxes = new ArrayList<>();
		for (String answer : ANSWERS) {
			JmhResult floor = find(results, "floorString", answer);
			JmhResult intercepted = find(results, "interceptorFloorString", answer);
			if (floor != null && intercepted != null) {
				taxes.add(new InterceptorTax(answer, answerBytes(answer),
						Difference.of(intercepted.score(), intercepted.error(), floor.score(), floor.error()),
						Difference.of(intercepted.bytes(), intercepted.bytesPerOpError(), floor.bytes(),
								floor.bytesPerOpError())));
			}
		}
		return taxes;
	}

	/**
	 * Return the first-byte rows, one per arrival found in the results.
	 */
	static List<Row> firstByteRows(List<JmhResult> results) {
		List<Row> rows = new ArrayList<>();
		for (String arrival : List.of("instant", "1gbps")) {
			JmhResult plain = find(results, "FirstByteBenchmark.plain", arrival);
			JmhResult kiwoom = find(results, "FirstByteBenchmark.kiwoomAuth", arrival);
			JmhResult spring = find(results, "FirstByteBenchmark.springSecurity", arrival);
			if (plain != null && kiwoom != null && spring != null) {
				rows.add(new Row("ka10081-1m", answerBytes("ka10081-1m"), arrival, plain, kiwoom, spring, null, null));
			}
		}
		return rows;
	}

	private static @Nullable JmhResult find(List<JmhResult> results, String method, String param) {
		String benchmark = (method.indexOf('.') > 0) ? method : "WholeCallBenchmark." + method;
		return JmhResult.find(results, benchmark, param, null);
	}

	static int answerBytes(String answer) {
		return KiwoomAnswers.named(answer).bytes().length;
	}

	/**
	 * One way of reading an answer, and the benchmark that does it on each client.
	 *
	 * @param name how the answer is read
	 * @param key a short name of it, without commas (a benchmark parameter)
	 * @param floor the floor's benchmark
	 * @param kiwoomAuth kiwoom-auth's benchmark
	 * @param springSecurity Spring Security's benchmark
	 */
	record Read(String name, String key, String floor, String kiwoomAuth, String springSecurity) {

	}

	/**
	 * The three clients on one answer, read one way.
	 *
	 * @param answer the answer's name
	 * @param answerBytes the answer's size
	 * @param read how it was read (for first byte: how it arrived)
	 * @param floor the floor's result
	 * @param kiwoomAuth kiwoom-auth's result
	 * @param springSecurity Spring Security's result
	 * @param paired kiwoom-auth's time minus Spring Security's from the paired,
	 * interleaved runs ({@link PairedWholeCallBenchmark}), or {@code null} where they did
	 * not run
	 * @param pairedAddedBytes kiwoom-auth's allocation minus the floor's, taken within
	 * each round of the paired runs, or {@code null} where they did not run
	 */
	record Row(String answer, int answerBytes, String read, JmhResult floor, JmhResult kiwoomAuth,
			JmhResult springSecurity, @Nullable Difference paired, @Nullable Difference pairedAddedBytes) {

		Difference kiwoomAddedTime() {
			return Difference.of(this.kiwoomAuth.score(), this.kiwoomAuth.error(), this.floor.score(),
					this.floor.error());
		}

		Difference springAddedTime() {
			return Difference.of(this.springSecurity.score(), this.springSecurity.error(), this.floor.score(),
					this.floor.error());
		}

		/**
		 * Return what kiwoom-auth allocates over the floor: from the paired runs where
		 * they ran (the forks' JIT moves both alike, so the difference is taken within
		 * each round), else from the two JMH results, errors combined in quadrature.
		 */
		Difference kiwoomAddedBytes() {
			if (this.pairedAddedBytes != null) {
				return this.pairedAddedBytes;
			}
			return Difference.of(this.kiwoomAuth.bytes(), this.kiwoomAuth.bytesPerOpError(), this.floor.bytes(),
					this.floor.bytesPerOpError());
		}

		Difference springAddedBytes() {
			return Difference.of(this.springSecurity.bytes(), this.springSecurity.bytesPerOpError(), this.floor.bytes(),
					this.floor.bytesPerOpError());
		}

		/**
		 * Return kiwoom-auth's time minus Spring Security's, which is what kiwoom-auth
		 * adds minus what Spring Security adds (the floor cancels): from the paired runs
		 * where they ran, else from the two JMH results, errors combined in quadrature.
		 */
		Difference kiwoomOverSpringTime() {
			if (this.paired != null) {
				return this.paired;
			}
			return Difference.of(this.kiwoomAuth.score(), this.kiwoomAuth.error(), this.springSecurity.score(),
					this.springSecurity.error());
		}

		/**
		 * Whether kiwoom-auth adds no more time than Spring Security, judged on the
		 * interval of the difference.
		 */
		Verdict timeVerdict() {
			return Verdict.atMost(kiwoomOverSpringTime(), 0);
		}

		/**
		 * Whether kiwoom-auth adds at most {@link #ADDED_BYTES_TARGET} per call, judged
		 * on the interval of what it adds.
		 */
		Verdict bytesVerdict() {
			return Verdict.atMost(kiwoomAddedBytes(), ADDED_BYTES_TARGET);
		}

	}

	/**
	 * What a do-nothing interceptor adds to the floor.
	 *
	 * @param answer the answer's name
	 * @param answerBytes the answer's size
	 * @param time the added time
	 * @param bytes the added allocation
	 */
	record InterceptorTax(String answer, int answerBytes, Difference time, Difference bytes) {

	}

	/**
	 * A difference of two scores and its error.
	 *
	 * @param value the difference
	 * @param error its error
	 */
	record Difference(double value, double error) {

		static Difference of(double a, double aError, double b, double bError) {
			return new Difference(a - b, Math.hypot(aError, bError));
		}

	}

}
