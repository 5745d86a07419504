package io.github.ktrader.kiwoom.auth.autoconfigure;

import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * Leaves the beans of named key pairs ({@code kiwoom.accounts.<name>}) out of AOT
 * processing: {@link KiwoomAccountsRegistrar} registers them again when the processed
 * application starts, from its run-time properties.
 */
final class NamedPairAotExcludeFilter implements BeanRegistrationExcludeFilter {

	@Override
	public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
		return Boolean.TRUE.equals(registeredBean.getMergedBeanDefinition().getAttribute(NamedPairBeans.ATTRIBUTE));
	}

}
