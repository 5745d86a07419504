package io.github.ktrader.kiwoom.auth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts this machine's established TCP connections to a local port, from the kernel's
 * tables ({@code /proc/net/tcp} and {@code tcp6}, Linux): a client connection the
 * application has not released is still there, whether or not a GC would close it later.
 */
final class OpenConnections {

	private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

	private static final String ESTABLISHED = "01";

	private OpenConnections() {
	}

	static boolean countable() {
		return Files.isReadable(TABLES.get(0));
	}

	/**
	 * Established connections whose remote end is the given local port.
	 */
	static int to(int port) {
		String remotePort = ":" + String.format(Locale.ROOT, "%04X", port);
		int count = 0;
		for (Path table : TABLES) {
			if (!Files.isReadable(table)) {
				continue;
			}
			try {
				List<String> lines = Files.readAllLines(table);
				for (String line : lines.subList(1, lines.size())) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 3 && fields[2].endsWith(remotePort) && ESTABLISHED.equals(fields[3])) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return count;
	}

}
