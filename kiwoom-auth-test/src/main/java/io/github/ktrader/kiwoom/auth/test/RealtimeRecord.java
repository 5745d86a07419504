package io.github.ktrader.kiwoom.auth.test;

import java.util.ArrayList;
import java.util.List;

/**
 * What clients sent over the real-time socket, for tests to inspect. Thread-safe.
 */
final class RealtimeRecord {

	private final List<String> frames = new ArrayList<>();

	private final List<String> loginTokens = new ArrayList<>();

	private final List<String> regFrames = new ArrayList<>();

	private long pongs;

	private int connections;

	synchronized void frame(String frame) {
		this.frames.add(frame);
	}

	synchronized void login(String token) {
		this.loginTokens.add(token);
	}

	synchronized void reg(String frame) {
		this.regFrames.add(frame);
	}

	synchronized void connection() {
		this.connections++;
	}

	synchronized int connections() {
		return this.connections;
	}

	synchronized void pong() {
		this.pongs++;
	}

	synchronized List<String> frames() {
		return List.copyOf(this.frames);
	}

	synchronized List<String> loginTokens() {
		return List.copyOf(this.loginTokens);
	}

	synchronized List<String> regFrames() {
		return List.copyOf(this.regFrames);
	}

	synchronized long pongs() {
		return this.pongs;
	}

	synchronized void clear() {
		this.frames.clear();
		this.loginTokens.clear();
		this.regFrames.clear();
		this.pongs = 0;
		this.connections = 0;
	}

}
