package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every request the simulator received, in arrival order. Thread-safe.
 */
final class RequestRecorder {

	private final List<RecordedRequest> requests = new ArrayList<>();

	synchronized void record(RecordedRequest request) {
		this.requests.add(request);
	}

	synchronized List<RecordedRequest> all() {
		return List.copyOf(this.requests);
	}

	synchronized List<RecordedRequest> forPath(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	synchronized void clear() {
		this.requests.clear();
	}

}
