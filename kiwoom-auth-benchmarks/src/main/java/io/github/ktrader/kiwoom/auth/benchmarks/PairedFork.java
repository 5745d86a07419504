package io.github.ktrader.kiwoom.auth.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.management.ThreadMXBean;
import org.jspecify.annotations.Nullable;

/**
 * One fork of {@link PairedWholeCallBenchmark}: a fresh JVM that warms the clients up in
 * turns, then measures rounds of one block per client, starting with a different client
 * each round, and prints one line per block (time and bytes allocated per call) for the
 * parent to read.
 */
final class PairedFork {

	/**
	 * The {@link WholeCallBenchmark} methods a fork runs, by name. Not its do-nothing
	 * interceptor: a second interceptor in the profile of the code Spring Security's
	 * interceptor runs through made Spring Security about 1 µs slower per 0.9 KB call in
	 * one run, a bias in kiwoom-auth's favour; that row is JMH's, at 1 MB.
	 */
	static final List<String> OPERATIONS = List.of("floorString", "kiwoomAuthString", "springSecurityString",
			"floorRecord", "kiwoomAuthRecord", "kiwoomAuthRestClientRecord", "springSecurityRecord");

	private static final String SAMPLE = "sample ";

	private static volatile @Nullable Object sink;

	private PairedFork() {
	}

	/**
	 * What one block of calls to one client measured, per call.
	 *
	 * @param nanos the time
	 * @param bytes what the calling thread allocated (the answers come from memory, so
	 * the whole call runs on it)
	 */
	record Block(double nanos, double bytes) {

	}

	// One fork: a fresh JVM, as JMH forks, with JMH's heap settings for the whole call.
	static Map<String, List<Block>> run(String answer, String rounds, String block, String warmup)
			throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), PairedWholeCallBenchmark.class.getName(), "--child", answer,
				rounds, block, warmup)
			.redirectErrorStream(true);
		Process process = builder.start();
		Map<String, List<Block>> samples = new LinkedHashMap<>();
		StringBuilder other = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith(SAMPLE)) {
					String[] parts = line.split(" ");
					samples.computeIfAbsent(parts[1], (key) -> new ArrayList<>())
						.add(new Block(Double.parseDouble(parts[2]), Double.parseDouble(parts[3])));
				}
				else {
					other.append(line).append('\n');
				}
			}
		}
		int exit = process.waitFor();
		Checks.state(exit == 0 && samples.keySet().containsAll(OPERATIONS),
				"a paired fork of " + answer + " failed (exit " + exit + "):\n" + other);
		return samples;
	}

	static void child(String answer, int rounds, long blockNanos, long warmupNanos) throws Exception {
		WholeCallBenchmark benchmark = new WholeCallBenchmark();
		benchmark.answer = answer;
		benchmark.setUp();
		try {
			Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
			calls.put("floorString", benchmark::floorString);
			calls.put("kiwoomAuthString", benchmark::kiwoomAuthString);
			calls.put("springSecurityString", benchmark::springSecurityString);
			calls.put("floorRecord", benchmark::floorRecord);
			calls.put("kiwoomAuthRecord", benchmark::kiwoomAuthRecord);
			calls.put("kiwoomAuthRestClientRecord", benchmark::kiwoomAuthRestClientRecord);
			calls.put("springSecurityRecord", benchmark::springSecurityRecord);
			List<Supplier<Object>> operations = OPERATIONS.stream().map(calls::get).toList();
			// Warm-up in turns of 20 ms each, so that the code the clients share is
			// compiled with all of them in its profile, as it will be measured.
			long[] perBlock = new long[operations.size()];
			long warmupEnd = System.nanoTime() + warmupNanos;
			do {
				for (int i = 0; i < operations.size(); i++) {
					long start = System.nanoTime();
					long end = start + 20_000_000;
					long count = 0;
					long now;
					do {
						sink = operations.get(i).get();
						count++;
						now = System.nanoTime();
					}
					while (now < end);
					perBlock[i] = Math.max(1, blockNanos * count / (now - start));
				}
			}
			while (System.nanoTime() < warmupEnd);
			ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
			StringBuilder out = new StringBuilder();
			for (int round = 0; round < rounds; round++) {
				for (int turn = 0; turn < operations.size(); turn++) {
					int i = (round + turn) % operations.size();
					Supplier<Object> operation = operations.get(i);
					long count = perBlock[i];
					long allocated = threads.getCurrentThreadAllocatedBytes();
					long start = System.nanoTime();
					for (long call = 0; call < count; call++) {
						sink = operation.get();
					}
					long elapsed = System.nanoTime() - start;
					allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
					out.append(SAMPLE)
						.append(OPERATIONS.get(i))
						.append(' ')
						.append((double) elapsed / count)
						.append(' ')
						.append((double) allocated / count)
						.append('\n');
				}
			}
			System.out.print(out);
			System.out.flush();
		}
		finally {
			benchmark.tearDown();
		}
	}

}
