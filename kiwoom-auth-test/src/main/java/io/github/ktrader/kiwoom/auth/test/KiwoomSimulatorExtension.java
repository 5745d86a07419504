package io.github.ktrader.kiwoom.auth.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.util.Assert;

/**
 * JUnit Jupiter extension that runs one {@link KiwoomSimulator} per test class.
 * <p>
 * The simulator starts before the first test of the class (or when the test instance
 * needs it, for {@code @TestInstance(PER_CLASS)}), is shared by all its tests and
 * {@code @Nested} classes, and closes after the class. Tests and constructors receive it
 * as a {@code KiwoomSimulator} parameter. Recorded requests, faults and tokens carry over
 * from one test to the next; reset what a test depends on.
 * <p>
 * With default settings: <pre class="code">
 * &#64;ExtendWith(KiwoomSimulatorExtension.class)
 * class OrderClientTests {
 *
 *     &#64;Test
 *     void placesOrder(KiwoomSimulator kiwoom) {
 *         // ...
 *     }
 *
 * }
 * </pre> With a configured simulator, registered on a {@code static} field:
 * <pre class="code">
 * &#64;RegisterExtension
 * static KiwoomSimulatorExtension kiwoom = new KiwoomSimulatorExtension(
 *         KiwoomSimulator.builder().reissueBehavior(ReissueBehavior.SAME_TOKEN));
 *
 * &#64;Test
 * void reusesToken() {
 *     KiwoomSimulator simulator = kiwoom.simulator();
 *     // ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class KiwoomSimulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(KiwoomSimulatorExtension.class);

	private final KiwoomSimulator.Builder builder;

	private volatile @Nullable KiwoomSimulator simulator;

	/**
	 * Creates an extension whose simulator has default settings; this is the constructor
	 * {@code @ExtendWith} uses.
	 */
	public KiwoomSimulatorExtension() {
		this(KiwoomSimulator.builder());
	}

	/**
	 * Creates an extension whose simulator the given builder configures.
	 * @param builder the builder that starts the simulator
	 */
	public KiwoomSimulatorExtension(KiwoomSimulator.Builder builder) {
		Assert.notNull(builder, "Builder must not be null");
		this.builder = builder;
	}

	/**
	 * Returns the running simulator, for use from a {@code @RegisterExtension} field.
	 * @return the simulator of the test class that is running
	 * @throws IllegalStateException when no test class of this extension is running
	 */
	public KiwoomSimulator simulator() {
		KiwoomSimulator simulator = this.simulator;
		Assert.state(simulator != null, "Kiwoom simulator is not running: it starts before the test class");
		return simulator;
	}

	/**
	 * Starts the simulator, unless an enclosing class already did.
	 * @param context the class's context
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		obtain(context);
	}

	/**
	 * Closes the simulator when this class started it.
	 * @param context the class's context
	 */
	@Override
	public void afterAll(ExtensionContext context) {
		KiwoomSimulator simulator = context.getStore(NAMESPACE).remove(this, KiwoomSimulator.class);
		if (simulator != null) {
			this.simulator = null;
			simulator.close();
		}
	}

	/**
	 * Returns whether the parameter is a {@link KiwoomSimulator}.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return whether this extension supplies the parameter
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == KiwoomSimulator.class;
	}

	/**
	 * Returns the simulator of the running test class.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return the simulator
	 */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return obtain(extensionContext);
	}

	private KiwoomSimulator obtain(ExtensionContext context) {
		// Keyed by this instance: an enclosing class's simulator is found through the
		// parent store, and a second extension instance gets its own simulator
		KiwoomSimulator simulator = classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(this, (key) -> this.builder.start(), KiwoomSimulator.class);
		this.simulator = simulator;
		return simulator;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
