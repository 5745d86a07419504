package io.github.ktrader.kiwoom.auth;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code README.md} and {@code README.ko.md} document what the starter offers
 * and stay in step with each other: every configuration key, event, meter and health
 * state is named in the text of both (outside code blocks), both have the same sections
 * and the same code blocks in the same order (code comments may be translated), both have
 * the sections a first-time user looks for, and every link to a heading of the same page
 * leads to one.
 */
class ReadmeTests {

	private static final Path ENGLISH = Path.of("..", "README.md");

	private static final Path KOREAN = Path.of("..", "README.ko.md");

	private static final String EVENT_PACKAGE = "io.github.ktrader.kiwoom.auth.event";

	private static final String METRICS_PACKAGE = "io.github.ktrader.kiwoom.auth.metrics";

	private static final Pattern FENCE = Pattern.compile("^```.*$", Pattern.MULTILINE);

	/**
	 * A {@code //} or {@code #} comment to the end of the line, or a
	 * {@code /* … *}{@code /} comment, each with the whitespace before it; a comment must
	 * follow whitespace, so that {@code https://} is kept.
	 */
	private static final Pattern COMMENT = Pattern.compile("(?:^|\\s+)(?://|#).*$|\\s+/\\*.*?\\*/");

	private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");

	/**
	 * The sections a first-time user looks for, as headings of the English and the Korean
	 * README, and a phrase of each that must be found in it.
	 */
	private static final List<List<String>> REQUIRED_SECTIONS = List.of(
			List.of("## Before you start", "## 사전 준비", "8050"), List.of("## Terms", "## 용어", "au10001"),
			List.of("### Keeping keys", "### 키 보관", "show-values"), List.of("## Error codes", "## 오류 코드", "8050"),
			List.of("## Retries and orders", "## 재시도와 주문", "8005"),
			List.of("## Rate limits and orders", "## 요청 한도와 주문", "OUTCOME_UNKNOWN"));

	private static Map<Path, String> readmes;

	@BeforeAll
	static void readReadmes() throws IOException {
		readmes = Map.of(ENGLISH, Files.readString(ENGLISH, StandardCharsets.UTF_8), KOREAN,
				Files.readString(KOREAN, StandardCharsets.UTF_8));
	}

	@Test
	void documentsEveryConfigurationKey() throws IOException {
		List<String> keys = configurationKeys();
		assertThat(keys).contains("kiwoom.host", "kiwoom.appkey", "kiwoom.secretkey");
		assertThat(missing("configuration key", keys, ReadmeTests::dottedName)).isEmpty();
	}

	@Test
	void documentsEveryEvent() throws Exception {
		List<String> events = publicClassesEndingWith(EVENT_PACKAGE, "Event");
		assertThat(events).contains("KiwoomTokenIssuedEvent", "KiwoomTokenRevokeFailedEvent");
		assertThat(missing("event class", events, ReadmeTests::word)).isEmpty();
	}

	@Test
	void documentsEveryMeter() throws Exception {
		List<String> meters = meterNames();
		assertThat(meters).contains("kiwoom.auth.issue", "kiwoom.auth.token.expires.in");
		assertThat(missing("meter", meters, ReadmeTests::dottedName)).isEmpty();
	}

	/**
	 * The health indicator reports {@link AccessTokenState.Status} as {@code state} and
	 * {@link KiwoomErrorKind} as {@code lastFailureKind}.
	 */
	@Test
	void documentsEveryHealthState() {
		List<String> states = new ArrayList<>();
		Arrays.stream(AccessTokenState.Status.values()).map(Enum::name).forEach(states::add);
		Arrays.stream(KiwoomErrorKind.values()).map(Enum::name).forEach(states::add);
		assertThat(missing("health state", states, (name) -> Pattern.quote("`" + name + "`"))).isEmpty();
	}

	@Test
	void haveTheSameSectionsInTheSameOrder() {
		List<String> english = headings(readmes.get(ENGLISH));
		List<String> korean = headings(readmes.get(KOREAN));
		assertThat(levels(korean))
			.as("## and ### headings of %s, compared with %s:%n%s%nvs%n%s", KOREAN, ENGLISH, String.join("\n", korean),
					String.join("\n", english))
			.isEqualTo(levels(english));
	}

	@Test
	void haveTheSameCodeBlocksInTheSameOrder() {
		List<String> english = codeBlocks(readmes.get(ENGLISH));
		List<String> korean = codeBlocks(readmes.get(KOREAN));
		for (int i = 0; i < Math.min(english.size(), korean.size()); i++) {
			assertThat(withoutComments(korean.get(i)))
				.as("code block %d of %s, which must be the same as in %s but for its comments", i + 1, KOREAN, ENGLISH)
				.isEqualTo(withoutComments(english.get(i)));
		}
		assertThat(korean).as("code blocks of %s, compared with %s", KOREAN, ENGLISH).hasSameSizeAs(english);
	}

	@Test
	void codeBlocksDifferOnlyInComments() {
		String english = "```yaml\nkiwoom:\n  host: https://mockapi.kiwoom.com   # mock trading\n"
				+ "  appkey: ${KIWOOM_APPKEY:}\n```";
		String korean = "```yaml\nkiwoom:\n  host: https://mockapi.kiwoom.com # 모의투자\n"
				+ "  appkey: ${KIWOOM_APPKEY:}\n```";
		assertThat(withoutComments(korean)).isEqualTo(withoutComments(english));
		assertThat(withoutComments(korean.replace("mockapi", "api"))).isNotEqualTo(withoutComments(english));
		String java = "```java\nrun(); // first line\n      // second line\nif (x) { /* back off */ }\n```";
		assertThat(withoutComments(java)).isEqualTo("```java\nrun();\nif (x) { }\n```");
	}

	@Test
	void haveTheSectionsAFirstTimeUserLooksFor() {
		for (List<String> section : REQUIRED_SECTIONS) {
			assertThat(sectionText(readmes.get(ENGLISH), section.get(0)))
				.as("section %s of %s", section.get(0), ENGLISH)
				.contains(section.get(2));
			assertThat(sectionText(readmes.get(KOREAN), section.get(1))).as("section %s of %s", section.get(1), KOREAN)
				.contains(section.get(2));
		}
	}

	@Test
	void linkOnlyToHeadingsThatExist() {
		for (Path readme : List.of(ENGLISH, KOREAN)) {
			String text = readmes.get(readme);
			List<String> anchors = headings(text).stream().map(ReadmeTests::anchor).toList();
			Matcher links = LOCAL_LINK.matcher(prose(text));
			List<String> broken = new ArrayList<>();
			while (links.find()) {
				if (!anchors.contains(links.group(1))) {
					broken.add(links.group(1));
				}
			}
			assertThat(broken).as("links to headings that %s does not have", readme).isEmpty();
		}
	}

	@Test
	void linkToEachOtherAtTheTop() {
		assertThat(firstLines(readmes.get(ENGLISH))).as("top of %s", ENGLISH).contains("(README.ko.md)");
		assertThat(firstLines(readmes.get(KOREAN))).as("top of %s", KOREAN).contains("(README.md)");
	}

	/**
	 * The text of a section, from its heading to the next heading of the same or a higher
	 * level, or an empty string when the README has no such heading.
	 */
	private static String sectionText(String readme, String heading) {
		int level = heading.indexOf(' ');
		StringBuilder text = new StringBuilder();
		boolean inSection = false;
		boolean inCode = false;
		for (String line : readme.split("\n", -1)) {
			if (line.startsWith("```")) {
				inCode = !inCode;
			}
			else if (!inCode && line.startsWith("#")) {
				int lineLevel = line.indexOf(' ');
				if (inSection && lineLevel > 0 && lineLevel <= level) {
					break;
				}
				inSection = inSection || line.equals(heading);
			}
			if (inSection) {
				text.append(line).append('\n');
			}
		}
		return text.toString();
	}

	/**
	 * The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as
	 * hyphens.
	 */
	private static String anchor(String heading) {
		String text = heading.substring(heading.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
		return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
	}

	/**
	 * A code block without its comments and without the lines that held only a comment.
	 */
	private static String withoutComments(String block) {
		List<String> lines = new ArrayList<>();
		for (String line : block.split("\n", -1)) {
			String code = line.startsWith("```") ? line : COMMENT.matcher(line).replaceAll("").stripTrailing();
			if (!code.isBlank() || line.isBlank()) {
				lines.add(code);
			}
		}
		return String.join("\n", lines);
	}

	private static List<String> missing(String what, List<String> names, Function<String, String> regex) {
		List<String> missing = new ArrayList<>();
		for (Path readme : List.of(ENGLISH, KOREAN)) {
			for (String name : names) {
				if (!Pattern.compile(regex.apply(name)).matcher(prose(readmes.get(readme))).find()) {
					missing.add(readme.getFileName() + " does not mention the " + what + " " + name);
				}
			}
		}
		return missing;
	}

	/**
	 * The text outside fenced code blocks, which are the same in both files and so say
	 * nothing about the translation.
	 */
	private static String prose(String readme) {
		String prose = readme;
		for (String block : codeBlocks(readme)) {
			prose = prose.replace(block, "");
		}
		return prose;
	}

	/**
	 * A dotted name such as {@code kiwoom.token.renew-before}, not part of a longer one.
	 */
	private static String dottedName(String name) {
		return "(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-]|\\.\\w)";
	}

	private static String word(String name) {
		return "\\b" + Pattern.quote(name) + "\\b";
	}

	private static List<String> configurationKeys() throws IOException {
		TreeSet<String> keys = new TreeSet<>();
		for (URL url : Collections
			.list(ReadmeTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("kiwoom.")) {
						keys.add(name);
					}
				}
			}
		}
		return new ArrayList<>(keys);
	}

	private static List<String> publicClassesEndingWith(String packageName, String suffix) throws Exception {
		List<String> names = new ArrayList<>();
		for (Class<?> type : publicClassesIn(packageName)) {
			if (type.getSimpleName().endsWith(suffix)) {
				names.add(type.getSimpleName());
			}
		}
		return names;
	}

	private static List<String> meterNames() throws Exception {
		TreeSet<String> names = new TreeSet<>();
		for (Class<?> type : publicClassesIn(METRICS_PACKAGE)) {
			for (Field field : type.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
						&& field.getType() == String.class && ((String) field.get(null)).startsWith("kiwoom.")) {
					names.add((String) field.get(null));
				}
			}
		}
		return new ArrayList<>(names);
	}

	private static List<Class<?>> publicClassesIn(String packageName) throws Exception {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
		List<Class<?>> types = new ArrayList<>();
		for (Resource resource : resolver
			.getResources("classpath*:" + ClassUtils.convertClassNameToResourcePath(packageName) + "/*.class")) {
			String className = readers.getMetadataReader(resource).getClassMetadata().getClassName();
			Class<?> type = ClassUtils.forName(className, ReadmeTests.class.getClassLoader());
			if (Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null) {
				types.add(type);
			}
		}
		return types;
	}

	private static List<String> headings(String readme) {
		List<String> headings = new ArrayList<>();
		boolean inCode = false;
		for (String line : readme.split("\n", -1)) {
			if (line.startsWith("```")) {
				inCode = !inCode;
			}
			else if (!inCode && (line.startsWith("## ") || line.startsWith("### "))) {
				headings.add(line);
			}
		}
		return headings;
	}

	private static List<String> levels(List<String> headings) {
		return headings.stream().map((heading) -> heading.substring(0, heading.indexOf(' '))).toList();
	}

	private static List<String> codeBlocks(String readme) {
		List<String> blocks = new ArrayList<>();
		Matcher fences = FENCE.matcher(readme);
		while (fences.find()) {
			int start = fences.start();
			if (!fences.find()) {
				break;
			}
			blocks.add(readme.substring(start, fences.end()));
		}
		return blocks;
	}

	private static String firstLines(String readme) {
		return String.join("\n", readme.lines().limit(4).toList());
	}

}
