package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the fault matrices share: the Markdown file each writes its rows to, under
 * {@code target/reliability}, and the random part of a row's keys.
 */
final class MatrixFile {

	private MatrixFile() {
	}

	/**
	 * Write a table: the header row, its separator, then the rows.
	 */
	static void write(String fileName, List<String> columns, List<String> rows) throws IOException {
		Path dir = Path.of("target", "reliability");
		Files.createDirectories(dir);
		List<String> lines = new ArrayList<>();
		lines.add("| " + String.join(" | ", columns) + " |");
		lines.add("|" + "---|".repeat(columns.size()));
		lines.addAll(rows);
		Files.write(dir.resolve(fileName), lines);
	}

	static String randomHex() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
