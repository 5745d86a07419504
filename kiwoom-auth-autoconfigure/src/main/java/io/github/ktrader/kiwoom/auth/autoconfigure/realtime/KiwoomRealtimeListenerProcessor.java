package io.github.ktrader.kiwoom.auth.autoconfigure.realtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtime;
import io.github.ktrader.kiwoom.auth.realtime.KiwoomRealtimeListener;
import io.github.ktrader.kiwoom.auth.realtime.RealtimeEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link KiwoomRealtimeListener} methods on beans, checks their attributes (with
 * placeholders resolved) as each bean is made, and subscribes them once every singleton
 * exists, which opens the pairs' sockets at startup.
 */
final class KiwoomRealtimeListenerProcessor implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private static final Pattern TYPE = Pattern.compile("[0-9A-Za-z]{2}");

	private static final Set<String> ACCOUNT_TYPES = Set.of("00", "04");

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private final List<Declared> declared = new ArrayList<>();

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, KiwoomRealtimeListener> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<KiwoomRealtimeListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, KiwoomRealtimeListener.class));
		methods.forEach((method, annotation) -> {
			Declared listener = declare(bean, beanName, method, annotation);
			synchronized (this.declared) {
				this.declared.add(listener);
			}
		});
		return bean;
	}

	private Declared declare(Object bean, String beanName, Method method, KiwoomRealtimeListener annotation) {
		String where = "@KiwoomRealtimeListener on bean '" + beanName + "' method " + method.getName();
		if (method.getParameterCount() != 1 || !method.getParameterTypes()[0].isAssignableFrom(RealtimeEvent.class)) {
			throw new BeanInitializationException(where + ": the method must take one RealtimeEvent parameter");
		}
		String type = resolve(annotation.type()).strip();
		if (!TYPE.matcher(type).matches()) {
			throw new BeanInitializationException(
					where + ": type '" + annotation.type() + "' is not a real-time type such as 0B, 0D, 00 or 04");
		}
		Set<String> items = new LinkedHashSet<>();
		for (String value : annotation.items()) {
			for (String item : StringUtils.commaDelimitedListToStringArray(resolve(value))) {
				if (StringUtils.hasText(item)) {
					items.add(item.strip());
				}
			}
		}
		if (items.isEmpty() && annotation.items().length > 0) {
			throw new BeanInitializationException(where + ": items " + List.of(annotation.items())
					+ " resolve to no stock code; set the property or remove the attribute");
		}
		if (items.isEmpty() && !ACCOUNT_TYPES.contains(type) && !type.equals("0s")) {
			throw new BeanInitializationException(where + ": type " + type + " needs items (stock codes)");
		}
		String account = resolve(annotation.account()).strip();
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return new Declared(where, bean, invocable, type, List.copyOf(items), account);
	}

	private String resolve(String value) {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No bean factory");
		String resolved = beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : "";
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Declared> listeners;
		synchronized (this.declared) {
			listeners = List.copyOf(this.declared);
			this.declared.clear();
		}
		for (Declared listener : listeners) {
			realtime(listener).subscribe(listener.type(), listener.items(),
					(event) -> ReflectionUtils.invokeMethod(listener.method(), listener.bean(), event));
		}
	}

	private KiwoomRealtime realtime(Declared listener) {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No bean factory");
		if (listener.account().isEmpty() || listener.account().equals("default")) {
			return beanFactory.getBean(KiwoomRealtime.class);
		}
		String name = "kiwoomRealtime." + listener.account();
		if (!beanFactory.containsBean(name)) {
			throw new BeanInitializationException(listener.where() + ": account '" + listener.account()
					+ "' is not a key pair; declare it under kiwoom.accounts." + listener.account()
					+ " or leave the attribute empty for the default pair");
		}
		return beanFactory.getBean(name, KiwoomRealtime.class);
	}

	private record Declared(String where, Object bean, Method method, String type, List<String> items, String account) {

	}

}
